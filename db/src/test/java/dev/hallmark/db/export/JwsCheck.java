package dev.hallmark.db.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

/** Verifies compact ES256 JWS the way an auditor would, with the JDK only and nothing of the exporter's. */
final class JwsCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private JwsCheck() {
    }

    /** The public key a JWK (kty EC, crv P-256) names. */
    static ECPublicKey publicKey(JsonNode jwk) throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        ECPoint w = new ECPoint(new BigInteger(1, B64URL.decode(jwk.get("x").asText())),
                new BigInteger(1, B64URL.decode(jwk.get("y").asText())));
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(w, params.getParameterSpec(ECParameterSpec.class)));
    }

    /** RFC 7638: SHA-256 over {"crv":..,"kty":"EC","x":..,"y":..}, written out by hand here. */
    static String thumbprint(JsonNode jwk) throws GeneralSecurityException {
        String canonical = "{\"crv\":\"" + jwk.get("crv").asText() + "\",\"kty\":\"" + jwk.get("kty").asText()
                + "\",\"x\":\"" + jwk.get("x").asText() + "\",\"y\":\"" + jwk.get("y").asText() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    static boolean verifies(String jws, ECPublicKey key) throws GeneralSecurityException {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        byte[] signature = B64URL.decode(parts[2]);
        if (signature.length != 64) {
            return false;
        }
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }

    static JsonNode header(String jws) throws java.io.IOException {
        return JSON.readTree(B64URL.decode(jws.split("\\.")[0]));
    }

    static JsonNode payload(String jws) throws java.io.IOException {
        return JSON.readTree(B64URL.decode(jws.split("\\.")[1]));
    }
}
