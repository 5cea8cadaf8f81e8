package dev.hallmark.engine.port;

/**
 * A private key's attributes as read back from its token after generation: the evidence that the key was born
 * there (CKA_LOCAL) and can never leave it in clear.
 *
 * @param token            label and kind of the token, e.g. {@code SoftHSM 'hallmark' (software)}
 * @param hardware         whether the token's slot is a hardware device (CKF_HW_SLOT)
 * @param local            CKA_LOCAL: generated inside the token, not imported
 * @param sensitive        CKA_SENSITIVE
 * @param extractable      CKA_EXTRACTABLE (true only for injected custody, and then only under wrap)
 * @param alwaysSensitive  CKA_ALWAYS_SENSITIVE
 * @param neverExtractable CKA_NEVER_EXTRACTABLE
 * @param tokenObject      CKA_TOKEN: a token object (false: a session object)
 */
public record KeyAttributes(String token, boolean hardware, Boolean local, Boolean sensitive, Boolean extractable,
                            Boolean alwaysSensitive, Boolean neverExtractable, Boolean tokenObject) {

    /** One line for the evidence record. */
    public String describe() {
        return "token=" + token + " CKA_LOCAL=" + local + " CKA_SENSITIVE=" + sensitive + " CKA_EXTRACTABLE="
                + extractable + " CKA_ALWAYS_SENSITIVE=" + alwaysSensitive + " CKA_NEVER_EXTRACTABLE=" + neverExtractable
                + " CKA_TOKEN=" + tokenObject;
    }

    /** Born in the token, sensitive since then: the private value was never visible in software. */
    public boolean bornInToken() {
        return Boolean.TRUE.equals(local) && Boolean.TRUE.equals(sensitive) && Boolean.TRUE.equals(alwaysSensitive);
    }
}
