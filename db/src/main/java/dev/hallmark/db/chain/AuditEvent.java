package dev.hallmark.db.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The fields of one audit event as chained, before its place in the chain (seq, hashes) is known. Every kind uses a
 * subset; the others are null. {@code at} is kept at the microseconds both databases store.
 *
 * @param station  the station whose chain holds the event
 * @param lockLevel the lock level VERIFY checked ({@link EventKind#LOCK_EVIDENCE})
 * @param detail   step detail, observations as a JSON array, seal cause, supersession or revocation note
 */
public record AuditEvent(String station, EventKind kind, String lotId, Long unitId, Instant at, String profile,
                         String fixture, String serial, String uid, String chipFamily, String step, String status,
                         String result, String failedStep, String errorCode, String lockLevel, Boolean locked,
                         String certSha256, String detail) {

    public AuditEvent {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(kind, "kind");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }

    /** A unit started on a fixture of the station. */
    public static AuditEvent unitBegun(String station, String lot, long unitId, Instant at, String profile,
                                       String fixture) {
        return new AuditEvent(station, EventKind.UNIT_BEGUN, lot, unitId, at, profile, fixture, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /** The unit claimed its device. */
    public static AuditEvent unitClaimed(String station, String lot, long unitId, Instant at, String serial,
                                         String uid, String chipFamily) {
        return new AuditEvent(station, EventKind.UNIT_CLAIMED, lot, unitId, at, null, null, serial, uid, chipFamily,
                null, null, null, null, null, null, null, null, null);
    }

    /** A journal entry of the unit. */
    public static AuditEvent step(String station, String lot, long unitId, Instant at, String step, String status,
                                  String detail) {
        return new AuditEvent(station, EventKind.STEP, lot, unitId, at, null, null, null, null, null, step, status,
                null, null, null, null, null, null, detail);
    }

    /** A certificate recorded for the unit; {@code note} says which certificate it supersedes, if any. */
    public static AuditEvent certificate(String station, String lot, long unitId, Instant at, String certSha256,
                                         String note) {
        return new AuditEvent(station, EventKind.CERTIFICATE, lot, unitId, at, null, null, null, null, null, null,
                null, null, null, null, null, null, certSha256, note);
    }

    /** A certificate of the unit was revoked for {@code reason}. */
    public static AuditEvent certificateRevoked(String station, String lot, long unitId, Instant at,
                                                String certSha256, String reason) {
        return new AuditEvent(station, EventKind.CERTIFICATE_REVOKED, lot, unitId, at, null, null, null, null, null,
                null, null, null, null, null, null, null, certSha256, reason);
    }

    /** What VERIFY observed; {@code observationsJson} is the JSON array stored in {@code lock_evidence}. */
    public static AuditEvent lockEvidence(String station, String lot, long unitId, Instant at, String level,
                                          boolean locked, String observationsJson) {
        return new AuditEvent(station, EventKind.LOCK_EVIDENCE, lot, unitId, at, null, null, null, null, null, null,
                null, null, null, null, level, locked, null, observationsJson);
    }

    /** The unit's final result. */
    public static AuditEvent unitSealed(String station, String lot, long unitId, Instant at, String result,
                                        String failedStep, String errorCode, String cause) {
        return new AuditEvent(station, EventKind.UNIT_SEALED, lot, unitId, at, null, null, null, null, null, null,
                null, result, failedStep, errorCode, null, null, null, cause);
    }

    /** The unit's key pair; {@code detail} is {@link KeyDetail#of} its reference. */
    public static AuditEvent keyRecorded(String station, String lot, long unitId, Instant at, String detail) {
        return new AuditEvent(station, EventKind.KEY_RECORDED, lot, unitId, at, null, null, null, null, null, null,
                null, null, null, null, null, null, null, detail);
    }

    /** The same event with another detail. */
    public AuditEvent withDetail(String newDetail) {
        return new AuditEvent(station, kind, lotId, unitId, at, profile, fixture, serial, uid, chipFamily, step, status,
                result, failedStep, errorCode, lockLevel, locked, certSha256, newDetail);
    }
}
