// Drives a simulated ESP32-C3 ROM loader with esptool-js, headless: a Web Serial port stand-in over a pty.
// Usage: [PROBE_BAUD=N] node probe.mjs <pty path> <register hex>... ; prints one JSON object on stdout,
// diagnostics on stderr. With PROBE_BAUD, esptool-js sends CHANGE_BAUDRATE after detection and reopens the port.
import fs from "node:fs";
import tty from "node:tty";
import { ESPLoader, Transport } from "esptool-js";

class PtySerialPort {
  constructor(path) { this.path = path; this.readable = null; this.writable = null; }
  getInfo() { return {}; }
  async setSignals() { /* a pty has no modem lines */ }
  async open() {
    this.fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_NOCTTY);
    this.stream = new tty.ReadStream(this.fd);
    this.stream.setRawMode(true);
    const stream = this.stream;
    this.readable = new ReadableStream({
      start(controller) {
        stream.on("data", (chunk) => controller.enqueue(new Uint8Array(chunk)));
        stream.on("close", () => { try { controller.close(); } catch (e) { /* already closed */ } });
      },
      cancel() { stream.pause(); },
    });
    const fd = this.fd;
    this.writable = new WritableStream({
      write(chunk) { return new Promise((ok, fail) => fs.write(fd, chunk, (err) => (err ? fail(err) : ok()))); },
    });
  }
  async close() { this.stream.destroy(); this.readable = null; this.writable = null; }
}

const terminal = { clean() {}, writeLine(l) { process.stderr.write(l + "\n"); }, write(t) { process.stderr.write(t); } };
const [path, ...registers] = process.argv.slice(2);
const transport = new Transport(new PtySerialPort(path), false);
const baudrate = Number(process.env.PROBE_BAUD || 115200);
const loader = new ESPLoader({ transport, baudrate, romBaudrate: 115200, terminal, debugLogging: false });
const timer = setTimeout(() => { process.stderr.write("probe timed out\n"); process.exit(3); }, 20000);
try {
  await loader.detectChip("no_reset");
  if (baudrate !== 115200) {
    await loader.changeBaud();
  }
  const result = {
    chip: loader.chip.CHIP_NAME,
    description: await loader.chip.getChipDescription(loader),
    features: await loader.chip.getChipFeatures(loader),
    mac: await loader.chip.readMac(loader),
    securityFlags: (await loader.getSecurityInfo(false)).flags,
    baudrate: transport.baudrate,
    registers: {},
  };
  for (const reg of registers) {
    result.registers[reg] = (await loader.readReg(parseInt(reg, 16))) >>> 0;
  }
  process.stdout.write(JSON.stringify(result) + "\n");
  clearTimeout(timer);
  await transport.disconnect();
  process.exit(0);
} catch (e) {
  process.stderr.write("esptool-js failed: " + (e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
}
