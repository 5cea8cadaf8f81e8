package dev.hallmark.sim.esp32;

import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.KeySlots;
import dev.hallmark.sim.Pty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated ESP32-C3 held in download mode by its fixture's strapping, served on a {@link Pty} by its own
 * thread. A reboot (FLASH_END with the reboot flag, or {@link #reset()} as the fixture's EN line would) prints the
 * ROM's boot lines and enters the serial loader again, unless DIS_DOWNLOAD_MODE is burnt: then the ROM boots from
 * flash and the loader stays silent. eFuses and flash survive resets; the pty belongs to the caller.
 */
public final class SimulatedEsp32c3 implements AutoCloseable {

    /** Flash offset of the identity key slot (docs/identity-blob.md). */
    public static final int KEY_SLOT_OFFSET = 0x3F_0000;
    /** Size of the key slot. */
    public static final int KEY_SLOT_SIZE = 0x1_0000;
    private static final Logger log = LoggerFactory.getLogger(SimulatedEsp32c3.class);
    private static final long STOP_WAIT_MILLIS = 2_000;
    private static final String BANNER = "ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\n"
            + "rst:0x3 (RTC_SW_SYS_RST),boot:0x5 (DOWNLOAD(USB/UART0))\r\n";

    /**
     * What the ROM prints when SECURE_BOOT_EN is burnt and it boots from flash: this model verifies no signature, so
     * every image is refused (no signed image is ever written by the station); the words are ours, not the ROM's.
     */
    static final String SECURE_BOOT_REFUSAL = "Secure boot check fail: no valid signature block for the image in "
            + "flash, boot refused\r\n";

    private final Esp32c3Chip chip;
    private final byte[] kek;
    private final Pty pty;
    private final EspTiming timing;
    private final Object lifecycle = new Object();
    private PtyRomPort port;
    private Thread server;

    private SimulatedEsp32c3(Esp32c3Chip chip, byte[] kek, Pty pty, EspTiming timing) {
        this.chip = chip;
        this.kek = kek.clone();
        this.pty = pty;
        this.timing = timing;
    }

    /**
     * Powers a fresh ESP32-C3 (no eFuse burnt but the factory MAC and OPTIONAL_UNIQUE_ID, erased flash) on the pty;
     * it is ready for a client when this returns.
     *
     * @param mac 6 bytes; {@code uid} 16 bytes; {@code kek} the 32-byte transport KEK it was personalised with
     */
    public static SimulatedEsp32c3 start(Pty pty, byte[] mac, byte[] uid, byte[] kek, EspTiming timing)
            throws IOException {
        if (kek.length != 32) {
            throw new IllegalArgumentException("the transport KEK has 32 bytes, not " + kek.length);
        }
        SimulatedEsp32c3 device = new SimulatedEsp32c3(new Esp32c3Chip(mac, uid), kek, pty, timing);
        pty.discardPending();
        device.powerOn(false);
        return device;
    }

    private void powerOn(boolean banner) {
        synchronized (lifecycle) {
            PtyRomPort fresh = new PtyRomPort(pty, timing.byteNanos());
            Thread thread = new Thread(() -> run(fresh, banner), "sim-esp32c3-" + pty.slavePath());
            thread.setDaemon(true);
            port = fresh;
            server = thread;
            thread.start();
        }
    }

    private void run(PtyRomPort line, boolean bannerFirst) {
        boolean banner = bannerFirst;
        try {
            while (true) {
                if (banner) {
                    boot(line);
                }
                banner = true;
                if (!downloadModeAllowed()) {
                    silent(line);
                }
                new RomLoader(chip, line, timing).serve();
                log.debug("{}: the ESP32-C3 reboots", pty.path());
            }
        } catch (RomPort.PortClosedException e) {
            log.debug("{}: {}", pty.path(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("the simulated ESP32-C3 on {} stopped", pty.path(), e);
        }
    }

    private void boot(PtyRomPort line) throws IOException {
        line.pause(timing.resetDelay().toNanos());
        line.discardInput();
        String mode = downloadModeAllowed() ? "waiting for download\r\n" : "download mode is disabled, booting from flash\r\n"
                + (secureBootEnabled() ? SECURE_BOOT_REFUSAL : "");
        line.write((BANNER + mode).getBytes(StandardCharsets.US_ASCII));
    }

    /** DIS_DOWNLOAD_MODE: whatever arrives is not the loader's business any more. */
    private static void silent(PtyRomPort line) throws IOException {
        while (true) {
            line.read();
        }
    }

    private void powerOff() {
        synchronized (lifecycle) {
            if (server == null) {
                return;
            }
            port.stop();
            try {
                server.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** Pulses the chip's EN line, as a fixture with DTR/RTS wiring would: the ROM boots again. */
    public void reset() {
        synchronized (lifecycle) {
            powerOff();
            powerOn(true);
        }
    }

    /** The chip's state, for tests of this package. */
    Esp32c3Chip chip() {
        return chip;
    }

    /** The path a client opens. */
    public String path() {
        return pty.path();
    }

    /** The 128-bit OPTIONAL_UNIQUE_ID. */
    public byte[] uniqueId() {
        return chip.uid();
    }

    /** The factory MAC address. */
    public byte[] mac() {
        return chip.mac();
    }

    /** A named BLOCK0 eFuse as burnt, e.g. {@code DIS_PAD_JTAG}; unknown names throw IllegalArgumentException. */
    public long efuse(String name) {
        return chip.efuses().value(C3Fuse.valueOf(name));
    }

    /** Whether SECURE_BOOT_EN is burnt: the ROM then boots only images whose signature verifies. */
    public boolean secureBootEnabled() {
        return chip.efuses().value(C3Fuse.SECURE_BOOT_EN) != 0;
    }

    /** A key block KEY0..KEY5 (BLOCK4..9) as burnt: eight words. */
    public int[] keyBlock(int k) {
        return chip.efuses().fuses(4 + k);
    }

    /** Whether the ROM loader answers after the next reset. */
    public boolean downloadModeAllowed() {
        return chip.downloadModeAllowed();
    }

    /** Burns a key block with purpose SECURE_BOOT_DIGEST0, as the firmware's signing step would before this station. */
    public void burnSecureBootDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a secure boot digest has 32 bytes");
        }
        int[] words = new int[8];
        for (int i = 0; i < 32; i++) {
            words[i / 4] |= (digest[i] & 0xFF) << (8 * (i % 4));
        }
        chip.efuses().factoryBurn(4, words);
        int[] block0 = new int[6];
        block0[2] = 9 << (C3Fuse.KEY_PURPOSE_0.firstBit() - 64);
        chip.efuses().factoryBurn(0, block0);
    }

    /** Fault injection: one flash cell at {@code offset} loses bit {@code bit} (reads 0), as a worn cell would. */
    public void wearFlashBit(int offset, int bit) {
        chip.flash().program(offset, new byte[] {(byte) ~(1 << bit)});
    }

    /** The bytes of flash at {@code offset}. */
    public byte[] flash(int offset, int length) {
        return chip.flash().read(offset, length);
    }

    /** The identity the device recovers from its key slot, if a valid one is there. */
    public Optional<InstalledIdentity> installedIdentity() throws IOException {
        return KeySlots.read(flash(KEY_SLOT_OFFSET, KEY_SLOT_SIZE), chip.uid(), kek);
    }

    /** Switches the device off; the pty stays open. */
    @Override
    public void close() {
        powerOff();
    }
}
