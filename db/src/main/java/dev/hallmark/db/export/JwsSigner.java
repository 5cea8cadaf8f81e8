package dev.hallmark.db.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.util.BigIntegers;

/**
 * Signs JWS in compact serialization with ES256 (RFC 7515, RFC 7518) through the station's key in its token:
 * the token returns DER, the JWS carries r||s. Each signature is verified against the key's public half before
 * it is used, so a token that signs wrongly stops the export instead of shipping a manifest that fails later.
 * The key id is the RFC 7638 JWK thumbprint of the public key.
 */
public final class JwsSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int P256_WIDTH = 32;

    private final DeviceKeyStore keys;
    private final KeyHandle key;
    private final List<X509Certificate> certificateChain;
    private final ObjectNode jwk;
    private final String kid;
    private final String protectedHeader;

    private JwsSigner(DeviceKeyStore keys, KeyHandle key, List<X509Certificate> certificateChain) {
        this.keys = keys;
        this.key = key;
        this.certificateChain = List.copyOf(certificateChain);
        ECPublicKey pub = (ECPublicKey) key.publicKey();
        this.jwk = JSON.createObjectNode();
        jwk.put("crv", "P-256");
        jwk.put("kty", "EC");
        jwk.put("x", B64URL.encodeToString(BigIntegers.asUnsignedByteArray(P256_WIDTH, pub.getW().getAffineX())));
        jwk.put("y", B64URL.encodeToString(BigIntegers.asUnsignedByteArray(P256_WIDTH, pub.getW().getAffineY())));
        // RFC 7638: the required members in lexicographic order, no whitespace; the node above is built so.
        this.kid = B64URL.encodeToString(UnitFields.digest(bytes(jwk)));
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "ES256");
        header.put("kid", kid);
        this.protectedHeader = B64URL.encodeToString(bytes(header));
    }

    /** A signer with the station key {@code key} in {@code keys}; the key must be EC P-256. */
    public static JwsSigner of(DeviceKeyStore keys, KeyHandle key) throws ProvisioningException {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(key, "key");
        if (key.spec() != KeySpec.EC_P256 || !(key.publicKey() instanceof ECPublicKey)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the key '" + key.alias()
                    + "' cannot sign a manifest: ES256 needs an EC P-256 key, not " + key.spec());
        }
        return new JwsSigner(keys, key, List.of());
    }

    /** The same signer, naming its certificate chain (station certificate first) in the manifest as x5c. */
    public JwsSigner withCertificateChain(List<X509Certificate> chain) {
        return new JwsSigner(keys, key, chain);
    }

    /** The key id: base64url of the RFC 7638 SHA-256 thumbprint of the public key. */
    public String kid() {
        return kid;
    }

    /** The public key as a JWK (crv, kty, x, y); a copy. */
    public ObjectNode jwk() {
        return jwk.deepCopy();
    }

    /** The certificate chain given with {@link #withCertificateChain}, as x5c values (base64 DER); may be empty. */
    public List<String> x5c() {
        return certificateChain.stream().map(JwsSigner::base64Der).toList();
    }

    /** A compact JWS over {@code payload}: base64url(header) "." base64url(payload) "." base64url(r||s). */
    public String sign(byte[] payload) throws ProvisioningException {
        String signingInput = protectedHeader + "." + B64URL.encodeToString(payload);
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        byte[] der = keys.sign(key, input);
        if (!verifies(input, der)) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, "the station key '" + key.alias()
                    + "' returned a signature that does not verify with its own public key");
        }
        byte[] concatenated;
        try {
            concatenated = EcdsaSignatures.derToConcatenated(der, P256_WIDTH);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, "the station key '" + key.alias()
                    + "' returned a signature that is not DER ECDSA", e.getMessage(), e);
        }
        return signingInput + "." + B64URL.encodeToString(concatenated);
    }

    private boolean verifies(byte[] input, byte[] der) {
        try {
            Signature verifier = Signature.getInstance(KeySpec.EC_P256.signatureAlgorithm());
            verifier.initVerify(key.publicKey());
            verifier.update(input);
            return verifier.verify(der);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of strings cannot be written", e);
        }
    }

    private static String base64Der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded", e);
        }
    }
}
