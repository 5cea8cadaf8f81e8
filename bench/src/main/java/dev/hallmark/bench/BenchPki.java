package dev.hallmark.bench;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProductProfile;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small software PKI for the CMP mock, which issues nothing itself: a root, an issuing CA under it, and the
 * one device certificate the mock hands out for every request, made beforehand for a fixed key.
 */
final class BenchPki {

    private static final Duration VALIDITY = Duration.ofDays(365);

    private final SecureRandom random;
    final KeyPair rootKey;
    final KeyPair issuingKey;
    final X509Certificate root;
    final X509Certificate issuing;

    /** Makes root and issuing CA, EC P-256, both valid for a year. */
    BenchPki(String name, SecureRandom random) {
        this.random = random;
        this.rootKey = UnitRequests.ecKeyPair(random);
        this.issuingKey = UnitRequests.ecKeyPair(random);
        X500Name rootName = new X500Name("CN=" + name + " Root");
        this.root = certificate(rootName, rootKey, rootName, rootKey, b -> ca(b, 1));
        this.issuing = certificate(rootName, rootKey, new X500Name("CN=" + name + " Issuing CA"), issuingKey,
                b -> ca(b, 0));
    }

    /** A device certificate for {@code device} as the embedded CA would issue it: subject, URI SAN, clientAuth. */
    X509Certificate deviceCertificate(KeyPair device, String serial, DeviceUid uid, ProductProfile profile) {
        X500Name issuer = X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded());
        return certificate(issuer, issuingKey, UnitRequests.subject(serial, profile), device, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, profile.uidUri(uid))));
        });
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static void ca(X509v3CertificateBuilder builder, int pathLength) throws IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    private X509Certificate certificate(X500Name issuer, KeyPair issuerKey, X500Name subject, KeyPair key,
                                        Extensions extensions) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)), subject, key.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKey.getPublic()));
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random)
                            .build(issuerKey.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("the CMP mock's test PKI could not be built", e);
        }
    }
}
