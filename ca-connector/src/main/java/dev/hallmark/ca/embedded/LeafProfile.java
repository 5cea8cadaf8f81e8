package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.KeyHandle;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The device certificate profile: subject {@code CN=<serial>, serialNumber=<serial>, O=<organization>},
 * one URI SAN binding the hardware UID, digitalSignature (critical), clientAuth, not a CA, SKI and AKI,
 * valid from one minute before now for the {@link LeafValidity} chosen for the profile, never beyond the
 * issuing CA.
 */
final class LeafProfile {

    /** X.520 PrintableString characters; serialNumber must be a PrintableString of at most 64. */
    private static final Pattern PRINTABLE = Pattern.compile("[A-Za-z0-9 '()+,\\-./:=?]{1,64}");
    private static final int MAX_ORGANIZATION = 64;

    private final CertificateSigning signing;
    private final Clock clock;

    LeafProfile(CertificateSigning signing, Clock clock) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    X509Certificate issue(SubjectPublicKeyInfo deviceKey, IssueRequest request, LeafValidity validity,
                          BigInteger serial, X509Certificate issuing, KeyHandle issuingKey) throws ProvisioningException {
        ProductProfile profile = request.profile();
        subject(request.serial(), profile.organization());
        X500Name subject = X500Name.getInstance(request.subject().getEncoded());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notAfter(now, validity, issuing);
        X500Name issuer = X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial,
                Date.from(now.minus(CaCertificateFactory.BACKDATE)), Date.from(notAfter), subject, deviceKey);
        GeneralNames san = new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, profile.uidUri(request.uid())));
        CertificateSigning.addExtension(builder, Extension.subjectAlternativeName, false, san);
        CertificateSigning.addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        CertificateSigning.addExtension(builder, Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        CertificateSigning.addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        CertificateSigning.addExtension(builder, Extension.subjectKeyIdentifier, false, signing.subjectKeyId(deviceKey));
        CertificateSigning.addExtension(builder, Extension.authorityKeyIdentifier, false, signing.authorityKeyId(issuing));
        return signing.sign(builder, issuingKey);
    }

    /**
     * Checks serial and organization can stand in a subject and returns the default subject (O, serialNumber,
     * CN); the issued subject is the request's, rendered by the engine from the profile's template.
     */
    static X500Name subject(String serial, String organization) throws ProvisioningException {
        if (serial == null || !PRINTABLE.matcher(serial).matches() || serial.isBlank()) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, "the unit serial '" + serial
                    + "' cannot be a certificate subject: use 1 to 64 letters, digits, spaces or '()+,-./:=?");
        }
        if (organization.isBlank() || organization.length() > MAX_ORGANIZATION) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED,
                    "the product profile's organization must have 1 to 64 characters");
        }
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.SERIALNUMBER, serial)
                .addRDN(BCStyle.CN, serial)
                .build();
    }

    private static Instant notAfter(Instant now, LeafValidity validity, X509Certificate issuing)
            throws ProvisioningException {
        Instant caNotBefore = issuing.getNotBefore().toInstant();
        Instant caNotAfter = issuing.getNotAfter().toInstant();
        if (now.isBefore(caNotBefore) || now.isAfter(caNotAfter)) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, "the issuing CA is valid from "
                    + caNotBefore + " to " + caNotAfter + ", not now (" + now + "); check the station clock");
        }
        Instant notAfter;
        try {
            notAfter = validity.notAfter(now);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, e.getMessage());
        }
        if (notAfter.isAfter(caNotAfter)) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, validity.hasWellDefinedExpiry()
                    ? "a certificate valid for " + validity + " would outlive the issuing CA (valid until " + caNotAfter
                            + "); shorten the profile's validity"
                    : "a certificate without well-defined expiry needs an issuing CA without one, and this CA is valid"
                            + " until " + caNotAfter + "; see docs/ca.md on initialising a CA for such profiles");
        }
        return notAfter;
    }
}
