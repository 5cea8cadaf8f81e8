package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import java.time.Instant;

/**
 * What an auditor searches for in the archive; every criterion is optional (null matches all).
 *
 * @param serial        the unit serial, exact
 * @param uid           the device UID in hex, exact (either case)
 * @param lot           the lot, exact
 * @param startedFrom   units started at or after this instant
 * @param startedBefore units started strictly before this instant
 * @param result        PASS or FAIL
 * @param failedStep    the step a failed unit stopped at
 */
public record UnitFilter(String serial, String uid, String lot, Instant startedFrom, Instant startedBefore,
                         UnitResult result, Step failedStep) {

    /** Every unit. */
    public static UnitFilter all() {
        return new UnitFilter(null, null, null, null, null, null, null);
    }

    /** Every unit of one lot. */
    public static UnitFilter lot(String lot) {
        return new UnitFilter(null, null, lot, null, null, null, null);
    }
}
