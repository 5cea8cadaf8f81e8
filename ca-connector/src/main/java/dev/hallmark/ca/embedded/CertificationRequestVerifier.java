package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Checks a device's PKCS#10 request: well-formed DER, signed by the private half of the key it carries
 * (proof of possession), and that key of the kind the product profile asks for. Only the key is used;
 * the request's subject and requested extensions are ignored, the CA decides those.
 */
final class CertificationRequestVerifier {

    private CertificationRequestVerifier() {
    }

    /** Returns the request's public key once the request has passed every check. */
    static SubjectPublicKeyInfo verifiedPublicKey(byte[] csrDer, KeySpec expected) throws ProvisioningException {
        if (csrDer == null || csrDer.length == 0) {
            throw rejected("the certificate request is empty", null, null);
        }
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(csrDer);
        } catch (IOException e) {
            throw rejected("the certificate request is not a well-formed PKCS#10 request", e.getMessage(), e);
        }
        SubjectPublicKeyInfo publicKey = request.getSubjectPublicKeyInfo();
        checkKeySpec(publicKey, expected);
        boolean valid;
        try {
            // by name, not by OID: the JDK's EC KeyFactory does not answer to the id-ecPublicKey OID
            PublicKey key = KeyFactory.getInstance(keyAlgorithm(expected))
                    .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
            valid = request.isSignatureValid(verifier);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw rejected("the certificate request's signature cannot be checked", e.getMessage(), e);
        }
        if (!valid) {
            throw rejected("the certificate request's signature does not verify with the key it carries", null, null);
        }
        return publicKey;
    }

    private static String keyAlgorithm(KeySpec spec) {
        return switch (spec) {
            case EC_P256, EC_P384 -> "EC";
            case ED25519 -> "Ed25519";
            case RSA_2048, RSA_3072 -> "RSA";
        };
    }

    /** The request's key must be the profile's: curve for EC, no parameters for Ed25519, modulus size for RSA. */
    private static void checkKeySpec(SubjectPublicKeyInfo publicKey, KeySpec expected) throws ProvisioningException {
        AlgorithmIdentifier algorithm = publicKey.getAlgorithm();
        boolean matches = switch (expected) {
            case EC_P256, EC_P384 -> X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                    && ECNamedCurveTable.getOID(expected.curveOrSize()).equals(algorithm.getParameters());
            case ED25519 -> EdECObjectIdentifiers.id_Ed25519.equals(algorithm.getAlgorithm());
            case RSA_2048, RSA_3072 -> PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())
                    && rsaModulusBits(publicKey) == Integer.parseInt(expected.curveOrSize());
        };
        if (!matches) {
            throw rejected("the certificate request's key is not the " + expected + " key the product profile asks for",
                    "key algorithm " + algorithm.getAlgorithm() + " parameters " + algorithm.getParameters(), null);
        }
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo publicKey) {
        try {
            return RSAPublicKey.getInstance(publicKey.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static ProvisioningException rejected(String message, String rawDetail, Throwable cause) {
        return new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED, message, rawDetail, cause);
    }
}
