package dev.hallmark.engine.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a product's units get: chip family, key spec and custody, certificate contents and lock level.
 *
 * @param name           the profile's name, recorded with each lot
 * @param chipFamily     expected chip family as the link reports it, e.g. {@code STM32F4}
 * @param keySpec        the device key pair
 * @param custody        where the private key lives
 * @param lockLevel      how far the debug interfaces are closed
 * @param serialPrefix   prefix of allocated unit serials, e.g. {@code HM-F4-}
 * @param organization   the O= of the device certificate subject
 * @param validity       the device certificate's validity, or {@link #NO_WELL_DEFINED_EXPIRY}
 * @param subject        the certificate subject's template (serial, product, lot, organization)
 * @param conformity     the ISO/IEC 27402 class claimed and the two-person rule (default: none, off)
 * @param keys           the firmware signing key's digest and the customer's key (default: none)
 */
public record ProductProfile(String name, String chipFamily, KeySpec keySpec, KeyCustody custody,
                             LockLevel lockLevel, String serialPrefix, String organization, Duration validity,
                             SubjectTemplate subject, Conformity conformity, ProductKeys keys) {
    public ProductProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chipFamily, "chipFamily");
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(lockLevel, "lockLevel");
        Objects.requireNonNull(serialPrefix, "serialPrefix");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(conformity, "conformity");
        Objects.requireNonNull(keys, "keys");
    }

    /** A profile naming no signing key and no customer key. */
    public ProductProfile(String name, String chipFamily, KeySpec keySpec, KeyCustody custody, LockLevel lockLevel,
                          String serialPrefix, String organization, Duration validity, SubjectTemplate subject,
                          Conformity conformity) {
        this(name, chipFamily, keySpec, custody, lockLevel, serialPrefix, organization, validity, subject, conformity,
                ProductKeys.NONE);
    }

    /** This profile naming {@code keys}. */
    public ProductProfile withKeys(ProductKeys keys) {
        return new ProductProfile(name, chipFamily, keySpec, custody, lockLevel, serialPrefix, organization, validity,
                subject, conformity, keys);
    }

    /** A profile that claims no ISO/IEC 27402 class and has the two-person rule off. */
    public ProductProfile(String name, String chipFamily, KeySpec keySpec, KeyCustody custody, LockLevel lockLevel,
                          String serialPrefix, String organization, Duration validity, SubjectTemplate subject) {
        this(name, chipFamily, keySpec, custody, lockLevel, serialPrefix, organization, validity, subject,
                Conformity.UNCLASSIFIED);
    }

    /** This profile claiming {@code conformity}. */
    public ProductProfile withConformity(Conformity conformity) {
        return new ProductProfile(name, chipFamily, keySpec, custody, lockLevel, serialPrefix, organization, validity,
                subject, conformity, keys);
    }

    /** A profile with the default subject (O, serialNumber, CN). */
    public ProductProfile(String name, String chipFamily, KeySpec keySpec, KeyCustody custody, LockLevel lockLevel,
                          String serialPrefix, String organization, Duration validity) {
        this(name, chipFamily, keySpec, custody, lockLevel, serialPrefix, organization, validity,
                SubjectTemplate.DEFAULT);
    }

    /** The subject of one unit's certificate. */
    public javax.security.auth.x500.X500Principal subjectOf(String serial, String lot) {
        return subject.render(serial, name, lot, organization);
    }

    /**
     * The validity that asks for certificates with no well-defined expiry: notAfter 99991231235959Z, as
     * RFC 5280 4.1.2.5 and IEEE 802.1AR allow for device identities meant to last the device's life.
     */
    public static final Duration NO_WELL_DEFINED_EXPIRY = java.time.temporal.ChronoUnit.FOREVER.getDuration();

    /** notAfter 99991231235959Z. */
    public static final java.time.Instant END_OF_TIME = java.time.Instant.parse("9999-12-31T23:59:59Z");

    public boolean noWellDefinedExpiry() {
        return validity.equals(NO_WELL_DEFINED_EXPIRY);
    }

    /** The notAfter a certificate issued at {@code issuedAt} should carry. */
    public java.time.Instant notAfter(java.time.Instant issuedAt) {
        return noWellDefinedExpiry() ? END_OF_TIME : issuedAt.plus(validity);
    }

    /** The URI SAN that binds a certificate to the device's hardware UID. */
    public String uidUri(DeviceUid uid) {
        return "urn:hallmark:uid:" + chipFamily.toLowerCase(java.util.Locale.ROOT) + ":" + uid.hex();
    }
}
