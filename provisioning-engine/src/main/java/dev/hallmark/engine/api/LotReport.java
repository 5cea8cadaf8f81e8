package dev.hallmark.engine.api;

import java.time.Instant;

/**
 * A lot's state, as its close summary prints it: units by result and the yield.
 *
 * @param quota      the overbuild cap, or 0 when the lot has none
 * @param passed     units sealed PASS
 * @param failed     attempts sealed FAILED (a device may be attempted again after a failure)
 * @param inProgress units begun and not sealed (resumed by the next run of the station that began them)
 * @param closedAt   when the lot was closed, or null while it is open
 */
public record LotReport(String lot, String profile, long quota, long passed, long failed, long inProgress,
                        Instant closedAt) {

    /** PASS over all sealed attempts, 0 to 1; 0 when nothing was sealed. */
    public double yield() {
        long sealed = passed + failed;
        return sealed == 0 ? 0 : (double) passed / sealed;
    }

    /** Units still to build before the quota is reached (never negative). */
    public long remaining() {
        return quota == 0 ? 0 : Math.max(0, quota - passed - inProgress);
    }

    public boolean complete() {
        return quota > 0 && passed >= quota;
    }
}
