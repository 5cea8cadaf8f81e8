package dev.hallmark.app.report;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

/**
 * What signs a report: a Bouncy Castle {@link ContentSigner} and its certificate. On a station both come from the
 * station audit key in the token: the certificate is self-signed by that key (docs/decisions/0019), so the only
 * trust anchor is the key's fingerprint the station already publishes in {@code audit-signer.sha256}.
 */
public record ReportSigner(X509Certificate certificate, ContentSigner contentSigner) {

    static final Duration VALIDITY = Duration.ofDays(3650);

    /** The signer for the audit key {@code key} in {@code keys}; the certificate is signed inside the token. */
    public static ReportSigner inToken(DeviceKeyStore keys, KeyHandle key, Instant now, SecureRandom random)
            throws ProvisioningException {
        TokenContentSigner signer = new TokenContentSigner(keys, key);
        try {
            return new ReportSigner(selfSigned(key.publicKey(), signer, now, random), new TokenContentSigner(keys, key));
        } catch (TokenContentSigner.TokenSigningFailure e) {
            throw TokenContentSigner.unwrap(e);
        }
    }

    /** A self-signed certificate for {@code key}, signed by {@code signer} (which holds the matching private key). */
    public static X509Certificate selfSigned(PublicKey key, ContentSigner signer, Instant now, SecureRandom random)
            throws ProvisioningException {
        try {
            String keySha256 = sha256(key.getEncoded());
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, "Hallmark station audit key")
                    .addRDN(BCStyle.OU, "key sha256 " + keySha256.substring(0, 32))
                    .addRDN(BCStyle.O, "Hallmark provisioning station").build();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(subject, new BigInteger(63, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (CertIOException | CertificateException | NoSuchAlgorithmException e) {
            throw new ProvisioningException(ErrorCode.REPORT_FAILED, "the report's signing certificate cannot be made",
                    e.getMessage(), e);
        }
    }

    /** The signer as the report states it: subject, certificate SHA-256, public key SHA-256. */
    public LotReport.SignerInfo info() throws ProvisioningException {
        try {
            return new LotReport.SignerInfo(certificate.getSubjectX500Principal().getName(),
                    sha256(certificate.getEncoded()), sha256(certificate.getPublicKey().getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new ProvisioningException(ErrorCode.REPORT_FAILED, "the report's signing certificate cannot be read",
                    e.getMessage(), e);
        }
    }

    static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
