package dev.hallmark.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@code bench ca} is asked to measure; handed on unchanged to the namespaced child.
 *
 * @param count   certificates per case (one issuer, one number of threads)
 * @param threads the numbers of threads to measure each issuer with, in order
 * @param warmup  issues per issuer before the first case, not counted
 * @param issuers the issuers, in the order each thread count measures them
 * @param json    a JSON array instead of key=value lines
 */
record CaBenchSettings(int count, List<Integer> threads, int warmup, List<IssuerKind> issuers, boolean json) {

    /** More threads than this are no measurement on a station (and SoftHSM would need as many sessions). */
    static final int MAX_THREADS = 64;

    CaBenchSettings {
        threads = List.copyOf(threads);
        issuers = List.copyOf(issuers);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, not " + count);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, not " + warmup);
        }
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t == null || t < 1 || t > MAX_THREADS)) {
            throw new IllegalArgumentException("--threads takes numbers from 1 to " + MAX_THREADS + ", not " + threads);
        }
        if (issuers.isEmpty() || issuers.stream().anyMatch(Objects::isNull)
                || issuers.stream().distinct().count() != issuers.size()) {
            throw new IllegalArgumentException("--issuers names each of embedded, cfssl, cmp at most once, not "
                    + issuers);
        }
    }

    /** The largest number of threads asked for. */
    int maxThreads() {
        return Collections.max(threads);
    }

    /** The options that ask the child for the same measurement. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--count", String.valueOf(count),
                "--threads", threads.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--warmup", String.valueOf(warmup),
                "--issuers", issuers.stream().map(IssuerKind::label).collect(Collectors.joining(","))));
        if (json) {
            args.add("--json");
        }
        return args;
    }
}
