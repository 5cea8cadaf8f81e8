package dev.hallmark.db.chain;

/** Why a checkpoint was signed; stored by name and covered by the signature. */
public enum CheckpointReason {
    /** Every N events of the station. */
    INTERVAL,
    /** A unit was sealed. */
    SEAL,
    /** A lot was closed. */
    LOT_CLOSE,
    /** Asked for explicitly (an operator, a test, a scheduled job). */
    ON_DEMAND,
    /** A refusal, lockout or CA key operation was recorded and anchored at once (decision 0018). */
    ACTION_ANCHOR,
    /** The audit database was closed with events not yet covered by a checkpoint. */
    CLOSE
}
