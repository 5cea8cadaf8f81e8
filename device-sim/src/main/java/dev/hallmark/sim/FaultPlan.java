package dev.hallmark.sim;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which faults a simulated bench injects, seeded so a run can be repeated exactly (after Retrofit's
 * NetworkBehavior): each command a board receives draws one fault with probability {@code rate}, of a kind
 * drawn from {@code kinds}; and the commands listed in {@code at} (counted from 0 after power-on, per board)
 * get their fault whatever the rate. Written as {@code rate=0.05,seed=7,kinds=drop+corrupt+nack+stall+disconnect,
 * at=3:nack+9:drop,stall=300ms}.
 *
 * @param rate  probability of a fault per command, 0 to 1
 * @param seed  seed of every board's fault stream (board n of fixture f draws from its own derived seed)
 * @param kinds the kinds drawn at {@code rate}
 * @param at    command index to fault kind, for faults at a given step
 * @param stall how late a stalled reply leaves
 */
public record FaultPlan(double rate, long seed, Set<FaultKind> kinds, Map<Integer, FaultKind> at, Duration stall) {

    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, EnumSet.allOf(FaultKind.class), Map.of(),
            Duration.ofMillis(1500));

    public FaultPlan {
        Objects.requireNonNull(stall, "stall");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("the fault rate must be from 0 to 1, not " + rate);
        }
        if (kinds.isEmpty() && rate > 0) {
            throw new IllegalArgumentException("a fault rate needs at least one fault kind");
        }
        if (stall.isNegative()) {
            throw new IllegalArgumentException("the stall time cannot be negative");
        }
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        at = Map.copyOf(at);
    }

    /** Whether any fault can happen. */
    public boolean active() {
        return rate > 0 || !at.isEmpty();
    }

    /** The same plan with another rate. */
    public FaultPlan withRate(double newRate) {
        return new FaultPlan(newRate, seed, kinds, at, stall);
    }

    /** Parses {@code rate=R,seed=N,kinds=a+b,at=I:kind+J:kind,stall=MSms}; absent keys keep {@link #NONE}'s values. */
    public static FaultPlan parse(String spec) {
        double rate = NONE.rate;
        long seed = NONE.seed;
        Set<FaultKind> kinds = EnumSet.allOf(FaultKind.class);
        Map<Integer, FaultKind> at = new TreeMap<>();
        Duration stall = NONE.stall;
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault setting '" + part + "' needs key=value");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            switch (key) {
                case "rate" -> rate = number(key, value);
                case "seed" -> seed = (long) number(key, value);
                case "kinds" -> {
                    kinds = EnumSet.noneOf(FaultKind.class);
                    for (String kind : value.split("\\+")) {
                        kinds.add(FaultKind.parse(kind));
                    }
                }
                case "at" -> {
                    for (String entry : value.split("\\+")) {
                        String[] pair = entry.split(":");
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("fault 'at' entries look like 12:drop, not " + entry);
                        }
                        at.put((int) number("at", pair[0]), FaultKind.parse(pair[1]));
                    }
                }
                case "stall" -> stall = Duration.ofMillis((long) number(key, value.replaceFirst("ms$", "")));
                default -> throw new IllegalArgumentException("unknown fault setting " + key
                        + "; known: rate, seed, kinds, at, stall");
            }
        }
        return new FaultPlan(rate, seed, kinds, at, stall);
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault setting " + key + " needs a number, not '" + value + "'");
        }
    }

    /** The kinds as a sorted list, for drawing by index. */
    List<FaultKind> kindList() {
        return EnumSet.copyOf(kinds.isEmpty() ? EnumSet.allOf(FaultKind.class) : kinds).stream().toList();
    }
}
