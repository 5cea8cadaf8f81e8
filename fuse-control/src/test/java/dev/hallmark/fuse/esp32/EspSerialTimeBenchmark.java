package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.sim.esp32.Esp32c3Bench;
import dev.hallmark.sim.esp32.EspTiming;
import dev.hallmark.sim.esp32.SimulatedEsp32c3;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;

/**
 * Benchmark, not a test: serial time per ESP32-C3 unit (identify, identity write + MD5 read-back, two-phase eFuse
 * lock) against a simulated chip with realistic timing at 115200 baud, next to the physical minimum: bytes on the
 * wire times the byte time plus the chip's erase, program and eFuse delays. VERIFY's silence check (5 SYNCs that
 * must time out) is a deliberate wait and is reported apart. Arguments: units (default 5).
 */
public final class EspSerialTimeBenchmark {

    private static final int BAUD = 115_200;

    private EspSerialTimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] kek = new byte[32];
        EspTiming timing = EspTiming.realistic(BAUD);
        EspLinkOptions options = EspLinkOptions.defaults();
        double totalMeasured = 0;
        double totalMinimum = 0;
        double totalVerify = 0;
        try (Esp32c3Bench bench = Esp32c3Bench.start(1, kek, new SecureRandom(), timing)) {
            for (int unit = 0; unit < units; unit++) {
                SimulatedEsp32c3 chip = bench.replaceDevice(0);
                byte[] blob = EspTestBlobs.blobFor(kek, chip.uniqueId(), "bench-" + unit);
                CountingWire wire = new CountingWire(EspSerialPort.open(chip.path(), BAUD));
                try (EspRomLink link = new EspRomLink(wire, options, Clock.systemUTC())) {
                    long start = System.nanoTime();
                    link.identify();
                    link.writeIdentity(blob);
                    link.readIdentity(blob.length);
                    EfusePlan plan = link.planEfuses(LockLevel.PERMANENT);
                    link.lockDebug(LockLevel.PERMANENT);
                    double measured = (System.nanoTime() - start) / 1e6;
                    long bytes = wire.bytes();
                    long verifyStart = System.nanoTime();
                    boolean locked = link.verifyLocked(LockLevel.PERMANENT).locked();
                    double verify = (System.nanoTime() - verifyStart) / 1e6;
                    double minimum = minimumMillis(bytes, blob.length, plan, timing);
                    totalMeasured += measured;
                    totalMinimum += minimum;
                    totalVerify += verify;
                    System.out.printf(Locale.ROOT, "unit %d: %d bytes on the wire, %.1f ms measured, %.1f ms minimum "
                            + "(+%.1f%%), verify %.1f ms, locked=%s%n", unit, bytes, measured, minimum,
                            100 * (measured / minimum - 1), verify, locked);
                }
            }
        }
        System.out.printf(Locale.ROOT, "mean over %d units: %.1f ms measured vs %.1f ms physical minimum (+%.1f%%); "
                + "verify incl. %d silent SYNCs %.1f ms%n", units, totalMeasured / units, totalMinimum / units,
                100 * (totalMeasured / totalMinimum - 1), options.syncAttempts(), totalVerify / units);
    }

    /** Bytes times the byte time, plus flash erase and programming of the padded blocks, plus the eFuse burns. */
    private static double minimumMillis(long bytes, int blobLength, EfusePlan plan, EspTiming timing) {
        double wire = bytes * timing.byteNanos() / 1e6;
        int blocks = (blobLength + RomCommands.FLASH_BLOCK - 1) / RomCommands.FLASH_BLOCK;
        int sectors = (blobLength + RomCommands.FLASH_SECTOR - 1) / RomCommands.FLASH_SECTOR;
        double flash = (timing.eraseNanos(sectors) + timing.programNanos(blocks * RomCommands.FLASH_BLOCK)) / 1e6;
        int dataBits = 0;
        for (int w : plan.dataWords()) {
            dataBits += Integer.bitCount(w);
        }
        int protectBits = 0;
        for (int w : plan.protectWords()) {
            protectBits += Integer.bitCount(w);
        }
        double efuse = (timing.efuseNanos(dataBits) + timing.efuseNanos(protectBits)) / 1e6;
        return wire + flash + efuse;
    }
}
