package dev.hallmark.ca.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a device certificate is valid: a fixed duration from issue, or no well-defined expiry.
 *
 * <p>A certificate without well-defined expiry carries notAfter {@code 99991231235959Z} (GeneralizedTime),
 * as RFC 5280 section 4.1.2.5 prescribes and IEEE 802.1AR recommends for IDevIDs, which live as long as
 * the device. Its text form ({@link #toString}, {@link #parse}) is an ISO-8601 duration such as
 * {@code P1825D}, or {@value #NO_WELL_DEFINED_EXPIRY_TEXT}.
 */
public final class LeafValidity {

    /** The notAfter of a certificate without well-defined expiry: 9999-12-31T23:59:59Z. */
    public static final Instant NO_WELL_DEFINED_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    /** The text form of {@link #noWellDefinedExpiry()}. */
    public static final String NO_WELL_DEFINED_EXPIRY_TEXT = "no-well-defined-expiry";

    private static final LeafValidity NO_EXPIRY = new LeafValidity(null);

    /** Null for no well-defined expiry. */
    private final Duration duration;

    private LeafValidity(Duration duration) {
        this.duration = duration;
    }

    /** Valid for {@code duration} from issue; the duration must be positive. */
    public static LeafValidity of(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a certificate validity must be positive, not " + duration);
        }
        return new LeafValidity(duration);
    }

    /** No well-defined expiry: notAfter {@code 99991231235959Z}. */
    public static LeafValidity noWellDefinedExpiry() {
        return NO_EXPIRY;
    }

    /** Reads {@value #NO_WELL_DEFINED_EXPIRY_TEXT} or a positive ISO-8601 duration such as {@code P1825D}. */
    public static LeafValidity parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.strip().equalsIgnoreCase(NO_WELL_DEFINED_EXPIRY_TEXT)) {
            return NO_EXPIRY;
        }
        try {
            return of(Duration.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a certificate validity is an ISO-8601 duration such as P1825D, or '"
                    + NO_WELL_DEFINED_EXPIRY_TEXT + "', not '" + text + "'", e);
        }
    }

    /** Whether certificates get a notAfter computed from their issue time. */
    public boolean hasWellDefinedExpiry() {
        return duration != null;
    }

    /** The duration, or empty for no well-defined expiry. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /**
     * The notAfter of a certificate issued at {@code issuedAt}.
     *
     * @throws IllegalArgumentException if the duration reaches past {@link #NO_WELL_DEFINED_EXPIRY}
     */
    public Instant notAfter(Instant issuedAt) {
        if (duration == null) {
            return NO_WELL_DEFINED_EXPIRY;
        }
        if (duration.compareTo(Duration.between(issuedAt, NO_WELL_DEFINED_EXPIRY)) > 0) {
            throw new IllegalArgumentException("a validity of " + duration + " from " + issuedAt
                    + " reaches past 9999-12-31T23:59:59Z; use no well-defined expiry instead");
        }
        return issuedAt.plus(duration);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafValidity that && Objects.equals(duration, that.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(duration);
    }

    @Override
    public String toString() {
        return duration == null ? NO_WELL_DEFINED_EXPIRY_TEXT : duration.toString();
    }
}
