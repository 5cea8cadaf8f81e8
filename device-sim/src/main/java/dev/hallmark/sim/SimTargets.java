package dev.hallmark.sim;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The targets {@code SimMain --target} knows, by name ({@code stm32f1}, {@code stm32f4}, {@code stm32l4}); another
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
