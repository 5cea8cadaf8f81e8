package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** X.509 plumbing shared by the CA and leaf profiles and the CRL: random serials, key identifiers, signing in the token. */
final class CertificateSigning {

    /** RFC 5280 allows up to 20 octets; 16 random bytes read as a positive number need at most 17. */
    static final int SERIAL_BYTES = 16;

    private final DeviceKeyStore keys;
    private final SecureRandom random;
    private final BcX509ExtensionUtils extensionUtils = new BcX509ExtensionUtils();
    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    private final JcaX509CRLConverter crlConverter = new JcaX509CRLConverter();

    CertificateSigning(DeviceKeyStore keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh certificate serial: {@value #SERIAL_BYTES} random bytes, positive and never zero. */
    BigInteger newSerial() {
        byte[] bytes = new byte[SERIAL_BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    SubjectKeyIdentifier subjectKeyId(SubjectPublicKeyInfo publicKey) {
        return extensionUtils.createSubjectKeyIdentifier(publicKey);
    }

    /** The AKI naming the issuer by its own SKI (key identifier only, no issuer name and serial). */
    AuthorityKeyIdentifier authorityKeyId(X509Certificate issuer) {
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski == null) {
            return extensionUtils.createAuthorityKeyIdentifier(
                    SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
        }
        byte[] keyId = SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier();
        return new AuthorityKeyIdentifier(keyId);
    }

    static void addExtension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
                             ASN1Encodable value) throws ProvisioningException {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL,
                    "the certificate extension " + oid + " cannot be encoded", e.getMessage(), e);
        }
    }

    static void addExtension(X509v2CRLBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
                             ASN1Encodable value) throws ProvisioningException {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL,
                    "the CRL extension " + oid + " cannot be encoded", e.getMessage(), e);
        }
    }

    /**
     * Signs the CRL inside the token with {@code signingKey} and checks the token's signature against the
     * key's public half before the CRL leaves the CA.
     */
    X509CRL sign(X509v2CRLBuilder builder, KeyHandle signingKey) throws ProvisioningException {
        X509CRLHolder holder;
        try {
            holder = builder.build(new TokenContentSigner(keys, signingKey));
        } catch (RuntimeException e) {
            throw TokenContentSigner.unwrap(e);
        }
        X509CRL crl;
        try {
            crl = crlConverter.getCRL(holder);
        } catch (CRLException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the signed CRL cannot be read back", e.getMessage(), e);
        }
        try {
            crl.verify(signingKey.publicKey());
        } catch (GeneralSecurityException e) {
            throw badTokenSignature(signingKey, e);
        }
        return crl;
    }

    /**
     * Signs the certificate inside the token with {@code signingKey} and checks the token's signature
     * against the key's public half before the certificate leaves the CA.
     */
    X509Certificate sign(X509v3CertificateBuilder builder, KeyHandle signingKey) throws ProvisioningException {
        X509CertificateHolder holder;
        try {
            holder = builder.build(new TokenContentSigner(keys, signingKey));
        } catch (RuntimeException e) {
            throw TokenContentSigner.unwrap(e);
        }
        X509Certificate certificate;
        try {
            certificate = converter.getCertificate(holder);
        } catch (CertificateException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL,
                    "the signed certificate cannot be read back", e.getMessage(), e);
        }
        try {
            certificate.verify(signingKey.publicKey());
        } catch (GeneralSecurityException e) {
            throw badTokenSignature(signingKey, e);
        }
        return certificate;
    }

    private static ProvisioningException badTokenSignature(KeyHandle signingKey, GeneralSecurityException e) {
        return new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED,
                "the token's signature with '" + signingKey.alias() + "' does not verify with that key's public half",
                e.getMessage(), e);
    }
}
