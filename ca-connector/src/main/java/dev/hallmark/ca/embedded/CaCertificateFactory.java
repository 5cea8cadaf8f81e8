package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds the embedded CA's self-signed root (20 years) and the issuing CA certificate it signs (10 years,
 * pathLen 0); for a CA that issues certificates without well-defined expiry, both get notAfter
 * {@code 99991231235959Z} instead, so the chain never ends before its leaves.
 */
final class CaCertificateFactory {

    static final String ORGANIZATION = "Hallmark";
    static final int ROOT_YEARS = 20;
    static final int ISSUING_YEARS = 10;
    /** Tolerance for fixtures and devices whose clocks run slightly behind the station's. */
    static final Duration BACKDATE = Duration.ofMinutes(1);
    /** ub-common-name is 64; the longer suffix is " Issuing CA". */
    static final int MAX_CA_NAME = 64 - " Issuing CA".length();

    private final CertificateSigning signing;
    private final Clock clock;
    private final boolean withoutWellDefinedExpiry;

    CaCertificateFactory(CertificateSigning signing, Clock clock, boolean withoutWellDefinedExpiry) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.withoutWellDefinedExpiry = withoutWellDefinedExpiry;
    }

    /** Whether {@code caName} fits the CA subjects: 1 to {@value #MAX_CA_NAME} characters, not blank. */
    static boolean validCaName(String caName) {
        return caName != null && !caName.isBlank() && caName.strip().equals(caName) && caName.length() <= MAX_CA_NAME;
    }

    X509Certificate root(String caName, KeyHandle rootKey) throws ProvisioningException {
        X500Name subject = name(caName + " Root CA");
        X509v3CertificateBuilder builder = builder(subject, subject, rootKey, ROOT_YEARS);
        CertificateSigning.addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        addCaExtensions(builder, rootKey);
        return signing.sign(builder, rootKey);
    }

    X509Certificate issuing(String caName, KeyHandle issuingKey, X509Certificate root, KeyHandle rootKey)
            throws ProvisioningException {
        X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, name(caName + " Issuing CA"), issuingKey, ISSUING_YEARS);
        CertificateSigning.addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(0));
        addCaExtensions(builder, issuingKey);
        CertificateSigning.addExtension(builder, Extension.authorityKeyIdentifier, false, signing.authorityKeyId(root));
        return signing.sign(builder, rootKey);
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyHandle subjectKey, int years) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = withoutWellDefinedExpiry ? LeafValidity.NO_WELL_DEFINED_EXPIRY
                : now.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
        return new X509v3CertificateBuilder(issuer, signing.newSerial(), Date.from(now.minus(BACKDATE)),
                Date.from(notAfter), subject, publicKeyInfo(subjectKey));
    }

    private void addCaExtensions(X509v3CertificateBuilder builder, KeyHandle subjectKey) throws ProvisioningException {
        CertificateSigning.addExtension(builder, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        CertificateSigning.addExtension(builder, Extension.subjectKeyIdentifier, false,
                signing.subjectKeyId(publicKeyInfo(subjectKey)));
    }

    /** O=Hallmark, CN=commonName (in DER order; the JDK prints it as {@code CN=..., O=Hallmark}). */
    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static SubjectPublicKeyInfo publicKeyInfo(KeyHandle key) {
        return SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
    }
}
