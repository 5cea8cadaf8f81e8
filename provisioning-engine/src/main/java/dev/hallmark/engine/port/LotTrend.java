package dev.hallmark.engine.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A lot's figures for the dashboard, aggregated by the archive (never one row per unit).
 *
 * @param lot      the lot
 * @param profile  the lot's product profile, or null when unknown
 * @param passed   units that passed
 * @param failed   units that failed
 * @param bucket   the width of each time bucket
 * @param buckets  units finished per time bucket, oldest first
 * @param failures failed units per step and error code, most frequent first
 */
public record LotTrend(String lot, String profile, long passed, long failed, Duration bucket, List<Bucket> buckets,
                        List<FailureCount> failures) {

    public LotTrend {
        buckets = List.copyOf(buckets);
        failures = List.copyOf(failures);
    }

    /** Units finished in one time bucket. */
    public record Bucket(Instant start, long passed, long failed) {
        public long total() {
            return passed + failed;
        }
    }

    /**
     * Failed units that stopped at one step with one error code.
     *
     * @param step      the step name, or {@code ?} when none was recorded
     * @param errorCode e.g. {@code HM-301}, or {@code ?}
     * @param cause     one recorded cause line of this group, as an example
     */
    public record FailureCount(String step, String errorCode, String cause, long count) {
    }
}
