package dev.hallmark.engine.port;

/** Why a device certificate is revoked, with its RFC 5280 CRLReason code. */
public enum RevocationReason {
    UNSPECIFIED(0), KEY_COMPROMISE(1), SUPERSEDED(4), CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason code of RFC 5280, section 5.3.1. */
    public int code() {
        return code;
    }
}
