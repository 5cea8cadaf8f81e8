package dev.hallmark.hsm.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long to measure: each case (token, thread count) runs {@code rounds} store rounds and as many bare rounds,
 * alternating, each {@code round} long, after one {@code warmup} of each.
 *
 * @param warmup  unmeasured run of each loop before the rounds
 * @param round   length of one measured round
 * @param rounds  measured rounds per loop
 * @param threads the thread counts to measure
 */
public record BenchSettings(Duration warmup, Duration round, int rounds, List<Integer> threads) {

    public BenchSettings {
        threads = List.copyOf(threads);
        if (rounds < 1 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("at least one round and positive thread counts are needed");
        }
    }

    /**
     * 6 s warm-up of each loop, then eight alternating rounds of 1 s per loop, with 1 and 2 threads: about 30 s per
     * case. The warm-up is long because the store's path (public-key decoding, DER signatures, its session-key
     * bookkeeping) runs interpreted or C1-compiled for the first several thousand units; measured after a 2 s
     * warm-up it showed a ratio of 0.75 that was the JIT, not the store (docs/performance.md). Many short
     * alternating rounds average out the noise of a shared machine better than a few long ones.
     */
    public static BenchSettings standard() {
        return new BenchSettings(Duration.ofSeconds(6), Duration.ofSeconds(1), 8, List.of(1, 2));
    }
}
