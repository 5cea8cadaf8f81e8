package dev.hallmark.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code hallmark bench} measures: the device timings and fixture counts (one case each), the baud rate of the
 * realistic timing, how many units each fixture provisions per case, and how long the token's work is timed.
 */
record LotBenchSettings(List<String> timings, List<Integer> fixtures, int baud, int realisticUnitsPerFixture,
                        int zeroUnitsPerFixture, Duration tokenDuration) {

    static final int MAX_FIXTURES = 16;

    LotBenchSettings {
        timings = List.copyOf(timings);
        fixtures = List.copyOf(fixtures);
        if (timings.isEmpty() || !List.of("realistic", "zero").containsAll(timings)) {
            throw new IllegalArgumentException("--timings takes realistic and/or zero, not " + timings);
        }
        if (fixtures.isEmpty() || fixtures.stream().anyMatch(f -> f < 1 || f > MAX_FIXTURES)) {
            throw new IllegalArgumentException("--fixtures takes counts from 1 to " + MAX_FIXTURES + ", not " + fixtures);
        }
        if (baud < 1200 || realisticUnitsPerFixture < 1 || zeroUnitsPerFixture < 1 || tokenDuration.isNegative()
                || tokenDuration.isZero()) {
            throw new IllegalArgumentException("--baud must be at least 1200, units per fixture and --token-ms positive");
        }
    }

    /** The same settings as child arguments. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--timings", String.join(",", timings),
                "--fixtures", String.join(",", fixtures.stream().map(String::valueOf).toList()),
                "--baud", String.valueOf(baud), "--realistic-units", String.valueOf(realisticUnitsPerFixture),
                "--zero-units", String.valueOf(zeroUnitsPerFixture), "--token-ms", String.valueOf(tokenDuration.toMillis())));
        return args;
    }
}
