package dev.hallmark.engine.port;

import dev.hallmark.engine.api.UnitResult;
import java.time.Instant;

/**
 * A unit as recorded in the audit store.
 *
 * @param certificatePem the device certificate, PEM, or null when none was issued
 * @param errorCode      e.g. {@code HM-301}, null on PASS
 * @param reworkedAt     when the unit's device was wiped for rework (its UNIT_REWORKED event), null when it was not
 * @param certificateRevoked whether the unit's certificate has a CERTIFICATE_REVOKED event in the chain
 */
public record UnitRecord(long id, String lot, String serial, String uid, String chipFamily, UnitResult result,
                         String failedStep, String errorCode, String cause, String certificatePem,
                         String certificateSha256, String station, String fixture, Instant started,
                         Instant finished, Instant reworkedAt, boolean certificateRevoked) {

    /** A unit as sealed, neither reworked nor with a revoked certificate. */
    public UnitRecord(long id, String lot, String serial, String uid, String chipFamily, UnitResult result,
                      String failedStep, String errorCode, String cause, String certificatePem,
                      String certificateSha256, String station, String fixture, Instant started, Instant finished) {
        this(id, lot, serial, uid, chipFamily, result, failedStep, errorCode, cause, certificatePem, certificateSha256,
                station, fixture, started, finished, null, false);
    }

    /** Whether the unit's device was wiped for rework after it was sealed. */
    public boolean reworked() {
        return reworkedAt != null;
    }

    /** The result as an auditor should read it: e.g. {@code PASS (reworked)}, {@code unfinished} when none. */
    public String resultLabel() {
        String name = result == null ? "unfinished" : result.name();
        return reworkedAt == null ? name : name + " (reworked)";
    }
}
