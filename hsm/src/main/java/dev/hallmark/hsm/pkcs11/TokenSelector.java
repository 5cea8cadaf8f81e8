package dev.hallmark.hsm.pkcs11;

import java.util.Objects;

/**
 * Which token of a module to use: by label or by serial number, never by slot id (slot ids change when a token
 * is reinitialised or reinserted). Exactly one of the two is set.
 *
 * @param label  the token label (CKA_LABEL of the token, blank padding ignored), or null
 * @param serial the token serial number (blank padding ignored), or null
 */
public record TokenSelector(String label, String serial) {

    public TokenSelector {
        if ((label == null) == (serial == null)) {
            throw new IllegalArgumentException("a token is selected by label or by serial, exactly one of them");
        }
        if ((label != null && label.isBlank()) || (serial != null && serial.isBlank())) {
            throw new IllegalArgumentException("a token label or serial must not be blank");
        }
    }

    /** The token labelled {@code label}. */
    public static TokenSelector byLabel(String label) {
        return new TokenSelector(Objects.requireNonNull(label, "label"), null);
    }

    /** The token with serial number {@code serial}. */
    public static TokenSelector bySerial(String serial) {
        return new TokenSelector(null, Objects.requireNonNull(serial, "serial"));
    }

    /** Whether a token with this label and serial (as the module reports them, padded or not) is the one meant. */
    public boolean matches(String tokenLabel, String tokenSerial) {
        if (label != null) {
            return tokenLabel != null && label.equals(tokenLabel.trim());
        }
        return tokenSerial != null && serial.equals(tokenSerial.trim());
    }

    /** "labelled 'x'" or "with serial 'y'", for messages. */
    public String describe() {
        return label != null ? "labelled '" + label + "'" : "with serial '" + serial + "'";
    }
}
