package dev.hallmark.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one case of {@code bench ca} measured: one issuer, one number of threads.
 *
 * @param count        certificates asked for
 * @param issued       certificates the issuer returned
 * @param failures     failed issues by error code id (e.g. {@code HM-401}); empty when all were issued
 * @param elapsedNanos wall-clock time of the whole case
 * @param p50Millis    median latency of one issue, NaN when none was issued
 * @param p99Millis    99th percentile latency of one issue, NaN when none was issued
 */
record CaseResult(IssuerKind issuer, int threads, int count, int issued, Map<String, Integer> failures,
                         long elapsedNanos, double p50Millis, double p99Millis) {

    public CaseResult {
        Objects.requireNonNull(issuer, "issuer");
        failures = Map.copyOf(failures);
    }

    /** A result from the latencies (nanoseconds) of the issues that succeeded. */
    static CaseResult of(IssuerKind issuer, int threads, int count, long[] latencies, Map<String, Integer> failures,
                         long elapsedNanos) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new CaseResult(issuer, threads, count, sorted.length, failures, elapsedNanos,
                percentileMillis(sorted, 50), percentileMillis(sorted, 99));
    }

    /** Nearest-rank percentile of sorted nanosecond values, in milliseconds; NaN for none. */
    static double percentileMillis(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Certificates issued per second of wall-clock time. */
    public double certsPerSecond() {
        return elapsedNanos <= 0 ? 0 : issued * 1e9 / elapsedNanos;
    }

    /** How many issues failed. */
    public int failed() {
        return count - issued;
    }

    /** The line for scripts: {@code issuer=cfssl threads=2 certs_per_s=X p50_ms=Y p99_ms=Z} (+ {@code failed=N}). */
    public String line() {
        String line = String.format(Locale.ROOT, "issuer=%s threads=%d certs_per_s=%.1f p50_ms=%.2f p99_ms=%.2f",
                issuer.label(), threads, certsPerSecond(), p50Millis, p99Millis);
        return failed() == 0 ? line : line + " failed=" + failed();
    }

    /** The element of the {@code --json} array, rounded as the line is. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer.label());
        json.put("threads", threads);
        json.put("count", count);
        json.put("issued", issued);
        json.put("failed", failed());
        json.put("failures", failures);
        json.put("certs_per_s", round(certsPerSecond(), 10));
        json.put("p50_ms", round(p50Millis, 100));
        json.put("p99_ms", round(p99Millis, 100));
        json.put("elapsed_s", round(elapsedNanos / 1e9, 1000));
        return json;
    }

    private static Double round(double value, int scale) {
        return Double.isNaN(value) ? null : Math.round(value * scale) / (double) scale;
    }
}
