package dev.hallmark.hsm.info;

/** What a token's flags say about one of its PINs (CKF_USER_PIN_* and CKF_SO_PIN_*). */
public enum PinState {
    /** A wrong PIN was entered since the last right one. */
    COUNT_LOW,
    /** One more wrong PIN locks it. */
    FINAL_TRY,
    /** Locked: the security officer (for the user PIN) or a re-initialisation must reset it. */
    LOCKED,
    /** Set by the token or the SO; it must be changed before use. */
    TO_BE_CHANGED
}
