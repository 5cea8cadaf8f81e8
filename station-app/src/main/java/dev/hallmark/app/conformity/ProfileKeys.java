package dev.hallmark.app.conformity;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductKeys;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.conformity.SecureBootDigest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the public keys a profile names: the firmware signing key (RSA-3072 PEM, turned into its Secure Boot V2
 * digest) or the digest itself (64 hex digits), and the customer's EC P-256 key the unit secrets are wrapped for.
 * Each failure is one line naming the file and what it must hold (HM-723).
 */
public final class ProfileKeys {

    private ProfileKeys() {
    }

    /** The Secure Boot V2 digest of the RSA-3072 public key in {@code pem}. */
    public static byte[] secureBootDigestOfKey(Path pem) throws ProvisioningException {
        PublicKey key = publicKey(pem, "the firmware signing key");
        if (!(key instanceof RSAPublicKey rsa)) {
            throw invalid("the firmware signing key " + pem + " is " + key.getAlgorithm() + "; Secure Boot V2 on the "
                    + "ESP32-C3 takes an RSA-3072 public key (PEM)");
        }
        return SecureBootDigest.of(rsa);
    }

    /** A digest given as 64 hex digits. */
    public static byte[] secureBootDigest(String hex) throws ProvisioningException {
        try {
            byte[] digest = HexFormat.of().parseHex(hex.trim());
            if (digest.length == ProductKeys.DIGEST_LENGTH) {
                return digest;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw invalid("secure_boot_digest must be 64 hex digits (the SHA-256 of the signing key's public key material)");
    }

    /** The customer's EC P-256 public key in {@code pem}. */
    public static PublicKey customerKey(Path pem) throws ProvisioningException {
        PublicKey key = publicKey(pem, "the customer key");
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw invalid("the customer key " + pem + " is not an EC P-256 public key (PEM); unit secrets are wrapped "
                    + "with ECIES on P-256");
        }
        return key;
    }

    private static PublicKey publicKey(Path pem, String what) throws ProvisioningException {
        try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
            Object read = parser.readObject();
            if (read instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().getPublicKey(info);
            }
            throw invalid(what + " " + pem + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFORMITY_KEY_INVALID, what + " " + pem + " cannot be read: "
                    + e.getMessage(), e.toString(), e);
        }
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(ErrorCode.CONFORMITY_KEY_INVALID, message);
    }
}
