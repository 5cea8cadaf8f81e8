package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.IssueRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Test PKI built with Bouncy Castle: EC P-256 keys, root, intermediate, device leaf, CMP protection certs. */
final class TestPki {

    static final ProductProfile PROFILE = new ProductProfile("sensor", "STM32F4", KeySpec.EC_P256,
            KeyCustody.ON_DEVICE, LockLevel.READOUT_PROTECTED, "HM-", "Hallmark Test", Duration.ofDays(365));
    static final DeviceUid UID = DeviceUid.ofHex("0123456789abcdef01234567");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate root(KeyPair key, String cn) {
        return ca(new X500Name("CN=" + cn), key, new X500Name("CN=" + cn), key, 1);
    }

    static X509Certificate intermediate(KeyPair key, String cn, X509Certificate issuer, KeyPair issuerKey) {
        return ca(new X500Name("CN=" + cn), key, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuerKey, 0);
    }

    static X500Name deviceSubject(String serial) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, PROFILE.organization())
                .addRDN(BCStyle.SERIALNUMBER, serial).addRDN(BCStyle.CN, serial).build();
    }

    /** A device certificate as the engine's checks expect it: subject, URI SAN, clientAuth, digitalSignature. */
    static X509Certificate deviceLeaf(KeyPair device, String serial, X509Certificate issuer, KeyPair issuerKey) {
        return build(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey,
                deviceSubject(serial), device, b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, PROFILE.uidUri(UID))));
                });
    }

    /** An end-entity certificate for CMP message protection, with a subject key identifier. */
    static X509Certificate protectionCert(KeyPair key, String cn, X509Certificate issuer, KeyPair issuerKey) {
        return build(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey,
                new X500Name("CN=" + cn), key, b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                });
    }

    static byte[] csr(KeyPair device, String serial) {
        return csrSignedBy(device, device.getPrivate(), serial);
    }

    /** A CSR for {@code device}'s public key signed by {@code signingKey}: invalid unless it is the device's. */
    static byte[] csrSignedBy(KeyPair device, PrivateKey signingKey, String serial) {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, PROFILE.uidUri(UID))));
            return new PKCS10CertificationRequestBuilder(deviceSubject(serial),
                    SubjectPublicKeyInfo.getInstance(device.getPublic().getEncoded()))
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(signer(signingKey)).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IssueRequest request(byte[] csr, String serial) {
        return new IssueRequest(csr, serial, UID, PROFILE);
    }

    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, Pem.encode("PRIVATE KEY", key.getEncoded()));
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static X509Certificate ca(X500Name subject, KeyPair key, X500Name issuer, KeyPair issuerKey, int pathLen) {
        return build(issuer, issuerKey, subject, key, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLen));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    private static X509Certificate build(X500Name issuer, KeyPair issuerKey, X500Name subject, KeyPair key,
                                         Extensions extensions) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))), subject, key.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKey.getPublic()));
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey.getPrivate())));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
