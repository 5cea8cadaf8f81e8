package dev.hallmark.engine.port;

import java.util.Optional;

/**
 * How a device link words, in its VERIFY evidence, that it confirmed secure boot from outside, so the conformity
 * evidence can find it in the journal without knowing the chip: one observation starting with {@link #CONFIRMED}
 * (or {@link #NOT_CONFIRMED}) followed by what was observed.
 */
public final class SecureBootObservation {

    /** The prefix of the observation that says secure boot was confirmed. */
    public static final String CONFIRMED = "SECURE_BOOT confirmed: ";
    /** The prefix of the observation that says it was not. */
    public static final String NOT_CONFIRMED = "SECURE_BOOT NOT confirmed: ";

    private SecureBootObservation() {
    }

    /** The confirmation in a VERIFY detail (observations joined by {@code "; "}), up to the next observation. */
    public static Optional<String> confirmedIn(String verifyDetail) {
        if (verifyDetail == null) {
            return Optional.empty();
        }
        int at = verifyDetail.indexOf(CONFIRMED);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(verifyDetail.substring(at + CONFIRMED.length()));
    }

    /** The refusal in a VERIFY detail, if the link said it could not confirm. */
    public static Optional<String> notConfirmedIn(String verifyDetail) {
        if (verifyDetail == null) {
            return Optional.empty();
        }
        int at = verifyDetail.indexOf(NOT_CONFIRMED);
        return at < 0 ? Optional.empty() : Optional.of(verifyDetail.substring(at + NOT_CONFIRMED.length()));
    }
}
