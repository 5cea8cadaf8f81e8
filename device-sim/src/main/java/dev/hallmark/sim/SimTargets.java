package dev.hallmark.sim;

import dev.hallmark.sim.esp32.Esp32c3Bench;
import dev.hallmark.sim.esp32.EspTiming;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The targets {@code SimMain --target} knows, by name ({@code stm32f1}, {@code stm32f4}, {@code stm32l4},
 * {@code esp32c3}); another
 * device family joins with one {@code TARGETS.put} line and a {@link Starter} that opens its boards.
 */
public final class SimTargets {

    /** Devices running on pseudo-terminals until closed. */
    public interface Running extends AutoCloseable {

        /** The ports a client opens, one per device. */
        List<String> paths();

        @Override
        void close();
    }

    /** Starts {@code count} devices of one target. */
    @FunctionalInterface
    public interface Starter {
        Running start(int count, byte[] kek, SecureRandom rng, SimTiming timing, FaultPlan faults) throws IOException;
    }

    private static final Map<String, Starter> TARGETS = new LinkedHashMap<>();

    static {
        for (Stm32Family family : Stm32Family.values()) {
            TARGETS.put(family.partName().toLowerCase(Locale.ROOT),
                    (count, kek, rng, timing, faults) -> SimBench.start(family, count, kek, rng, timing, faults));
        }
        TARGETS.put(Esp32c3Bench.TARGET, SimTargets::startEsp32c3);
    }

    /** ESP32-C3 chips: realistic timing at the same baud rate; fault injection is modelled for the STM32 only. */
    private static Running startEsp32c3(int count, byte[] kek, SecureRandom rng, SimTiming timing, FaultPlan faults)
            throws IOException {
        if (faults.active()) {
            throw new IllegalArgumentException("fault injection is modelled for the STM32 targets only, not esp32c3");
        }
        EspTiming espTiming = timing.baudRate() > 0 ? EspTiming.realistic(timing.baudRate()) : EspTiming.NONE;
        Esp32c3Bench bench = Esp32c3Bench.start(count, kek, rng, espTiming);
        return new Running() {
            @Override
            public List<String> paths() {
                return bench.paths();
            }

            @Override
            public void close() {
                bench.close();
            }
        };
    }

    private SimTargets() {
    }

    /** The target names, in the order they are listed to users. */
    public static Set<String> names() {
        return TARGETS.keySet();
    }

    /** The starter of the target named (case-insensitive). */
    public static Optional<Starter> starter(String target) {
        return Optional.ofNullable(TARGETS.get(target.toLowerCase(Locale.ROOT)));
    }
}
