package dev.hallmark.engine.port;

import dev.hallmark.engine.api.KeySpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the audit record keeps of a unit's key pair: where it lives and how it is held, and its public key, whose
 * SHA-256 the audit store keeps unique (no two units share a key). Never the private key.
 *
 * @param tokenLabel       the label of the token holding the key
 * @param tokenSerial      the token's serial number, or null when the key store does not say
 * @param alias            the key's label (CKA_LABEL)
 * @param ckaId            the key's CKA_ID, hex
 * @param keyType          the key pair's spec
 * @param publicKeySha256  SHA-256 of the public key's SubjectPublicKeyInfo DER, lower-case hex
 * @param publicKey        the SubjectPublicKeyInfo DER, base64
 * @param policy           how the token was asked to hold the private key
 * @param sensitive        CKA_SENSITIVE of the private key, or null when unknown
 * @param extractable      CKA_EXTRACTABLE of the private key, or null when unknown
 * @param neverExtractable CKA_NEVER_EXTRACTABLE of the private key, or null when unknown
 * @param observed         true when the three attributes were read back from the token, false when they are what
 *                         the key's policy asked for at generation
 */
public record KeyReference(String tokenLabel, String tokenSerial, String alias, String ckaId, KeySpec keyType,
                           String publicKeySha256, String publicKey, KeyPolicy policy, Boolean sensitive,
                           Boolean extractable, Boolean neverExtractable, boolean observed) {

    public KeyReference {
        Objects.requireNonNull(ckaId, "ckaId");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(publicKeySha256, "publicKeySha256");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * The reference of a generated key, its attributes as its policy asks for them: a token object sensitive and
     * never extractable, or a session object sensitive and extractable only under wrap.
     */
    public static KeyReference of(KeyHandle key) {
        byte[] spki = Objects.requireNonNull(key.publicKey(), "key.publicKey").getEncoded();
        boolean tokenObject = key.policy() == KeyPolicy.TOKEN_NON_EXTRACTABLE;
        return new KeyReference(key.token(), null, key.alias(), key.id(), key.spec(), sha256(spki),
                Base64.getEncoder().encodeToString(spki), key.policy(), key.policy() == null ? null : true,
                key.policy() == null ? null : !tokenObject, key.policy() == null ? null : tokenObject, false);
    }

    /** Lower-case hex SHA-256 of a public key's SubjectPublicKeyInfo DER. */
    public static String sha256(byte[] spki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
