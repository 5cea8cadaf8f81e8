package dev.hallmark.db.chain;

/** What is wrong with a row, as the {@link ChainVerifier} names it. */
public enum FindingKind {
    /** The row's fields no longer match its hash or its chained event (changed after it was written). */
    EDITED,
    /** A row the chain or the chain head says exists is missing (a gap in seq, a broken link, a lost tail). */
    DELETED,
    /** A row that is not part of the chain: no event links through it, or it lies beyond the chain head. */
    INSERTED,
    /** A row that is in the chain but not at the place it was written (moved, or contents swapped). */
    REORDERED,
    /** A checkpoint whose signature does not verify under its stored key, or whose key is not trusted. */
    BAD_CHECKPOINT_SIGNATURE,
    /** A checkpoint whose head (seq, hash) is not in the chain as it is now. */
    CHECKPOINT_MISMATCH,
    /** The newest records are gone: the database lies behind a head counted outside it (the token; decision 0018). */
    TRUNCATED,
    /** A certificate the CA issued that no unit records and that is not revoked (ca/issued.log; decision 0018). */
    UNRECORDED_CERTIFICATE,
    /** A pin that disagrees with the station token's audit key (e.g. a replaced audit-signer.sha256). */
    PIN_MISMATCH
}
