package dev.hallmark.db.chain;

/** What an audit event records; stored by name in {@code audit_events.kind}. */
public enum EventKind {
    /** A unit started on a fixture: lot, product profile, fixture. */
    UNIT_BEGUN,
    /** The unit claimed its device and got its serial: serial, UID, chip family. */
    UNIT_CLAIMED,
    /** A journal entry of the unit: step, status, detail (mirrored in {@code step_events}). */
    STEP,
    /** A certificate was recorded for the unit (mirrored in {@code unit_certificates}); a later one supersedes it. */
    CERTIFICATE,
    /** A certificate of the unit was revoked: its fingerprint and the reason. */
    CERTIFICATE_REVOKED,
    /** VERIFY observed the lock: level, whether it holds, observations (mirrored in {@code lock_evidence}). */
    LOCK_EVIDENCE,
    /** The unit was sealed: result, failed step, error code, cause. */
    UNIT_SEALED,
    /** The unit's key pair after KEYGEN (mirrored in {@code key_references}); detail per {@link KeyDetail}. */
    KEY_RECORDED,
    /** The unit's conformity evidence (mirrored in {@code unit_controls}); detail per {@code records.ControlRows}. */
    CONTROLS_RECORDED,
    /** The action log's head (seq, hash) taken into the chain before a checkpoint; per {@code records.ActionAnchor}. */
    ACTIONS_ANCHORED,
    /** The unit's device was wiped for rework (readout unprotect): its claim released, its identity revoked. */
    UNIT_REWORKED
}
