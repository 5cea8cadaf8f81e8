package dev.hallmark.bench;

import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.fuse.stm32.Stm32BootloaderLink;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
import dev.hallmark.sim.WireMeter;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One serial benchmark case: units provisioned over the STM32 link against a simulated board with realistic
 * timing (wire time at the baud rate, datasheet programming and erase delays), each timed from opening the port
 * to the verified lock, and compared with the board's physical minimum (its bytes on the wire × the byte time
 * plus its own delays, from its {@link WireMeter}).
 */
final class SerialBenchRun {

    /** One unit's figures. */
    record Unit(long nanos, long physicalMinimumNanos, long bytes, long[] stepNanos) {
    }

    /** The steps timed within a unit, in order. */
    static final List<String> STEPS = List.of("open", "identify", "write", "read", "lock", "verify");

    private final Stm32Family family;
    private final int baud;
    private final int blobBytes;

    SerialBenchRun(Stm32Family family, int baud, int blobBytes) {
        this.family = family;
        this.baud = baud;
        this.blobBytes = blobBytes;
    }

    /** Runs {@code units} units on fresh boards, after {@code warmup} units not counted. */
    List<Unit> run(int units, int warmup) throws IOException, ProvisioningException {
        SimTiming timing = SimTiming.realistic(baud);
        Stm32LinkOptions options = new Stm32LinkOptions(baud, true, Stm32LinkOptions.defaults().readTimeout(),
                Stm32LinkOptions.defaults().syncTimeout(), Stm32LinkOptions.defaults().syncAttempts(),
                Stm32LinkOptions.defaults().eraseTimeout(), Stm32LinkOptions.defaults().resetSettle(),
                Stm32LinkOptions.defaults().attempts());
        byte[] blob = new byte[blobBytes];
        new SecureRandom().nextBytes(blob);
        List<Unit> measured = new ArrayList<>();
        try (SimBench bench = SimBench.start(family, 1, new byte[32], new SecureRandom(), timing)) {
            for (int i = 0; i < warmup + units; i++) {
                SimulatedStm32 board = i == 0 ? bench.device(0) : bench.replaceDevice(0);
                long[] steps = new long[STEPS.size()];
                long start = System.nanoTime();
                provision(board.path(), options, blob, steps);
                long nanos = System.nanoTime() - start;
                if (i >= warmup) {
                    WireMeter meter = board.meter();
                    measured.add(new Unit(nanos, meter.physicalMinimumNanos(timing), meter.bytesIn() + meter.bytesOut(),
                            steps));
                }
            }
        }
        return measured;
    }

    private void provision(String port, Stm32LinkOptions options, byte[] blob, long[] steps)
            throws ProvisioningException {
        long mark = System.nanoTime();
        try (Stm32BootloaderLink link = Stm32BootloaderLink.open(port, options, Clock.systemUTC())) {
            mark = lap(steps, 0, mark);
            link.identify();
            mark = lap(steps, 1, mark);
            if (blobBytes > 0) {
                link.writeIdentity(blob);
                mark = lap(steps, 2, mark);
                if (!Arrays.equals(link.readIdentity(blob.length), blob)) {
                    throw new IllegalStateException("the key slot read back differently");
                }
                mark = lap(steps, 3, mark);
            }
            link.lockDebug(LockLevel.READOUT_PROTECTED);
            mark = lap(steps, 4, mark);
            if (!link.verifyLocked(LockLevel.READOUT_PROTECTED).locked()) {
                throw new IllegalStateException("the lock was not verified");
            }
            lap(steps, 5, mark);
        }
    }

    private static long lap(long[] steps, int step, long since) {
        long now = System.nanoTime();
        steps[step] = now - since;
        return now;
    }
}
