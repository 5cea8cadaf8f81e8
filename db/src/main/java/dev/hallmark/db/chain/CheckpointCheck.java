package dev.hallmark.db.chain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Verifies checkpoint signatures with the public key stored beside them, and against the trusted keys if any. Uses
 * Bouncy Castle's provider, whose P-256 verification is several times faster than the JDK's: a station signs a
 * checkpoint per sealed unit, so a plant's record holds as many checkpoints as units. Thread-safe: the verifier
 * checks batches of checkpoints on a second thread while it walks the chain.
 */
final class CheckpointCheck {

    private static final Provider BC = new BouncyCastleProvider();

    private final Set<String> trustedKeys;
    private final Map<String, Set<String>> stationKeys;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    /**
     * {@code trustedKeys}: SHA-256 fingerprints of the station keys to accept from any station; {@code stationKeys}:
     * those to accept per station (a trust list; a station not on it is not trusted). Both empty accept any stored key.
     */
    CheckpointCheck(Set<String> trustedKeys, Map<String, Set<String>> stationKeys) {
        this.trustedKeys = Set.copyOf(trustedKeys);
        this.stationKeys = Map.copyOf(stationKeys);
    }

    SignedCheckpoint check(Checkpoint cp) {
        return new SignedCheckpoint(cp, problem(cp));
    }

    /** What is wrong with the checkpoint's signature, or null when it verifies under a trusted key. */
    private String problem(Checkpoint cp) {
        if (cp.signerPublicKey() == null || cp.signature() == null || cp.signatureAlgorithm() == null
                || cp.signerKeySha256() == null || cp.createdAt() == null || cp.headHash() == null
                || cp.reason() == null) {
            return "the checkpoint is incomplete, so its signature cannot be checked";
        }
        byte[] spki;
        byte[] signature;
        try {
            spki = Base64.getDecoder().decode(cp.signerPublicKey());
            signature = Base64.getDecoder().decode(cp.signature());
        } catch (IllegalArgumentException e) {
            return "the checkpoint's key or signature is not base64";
        }
        if (!ChainFormat.sha256Hex(spki).equals(cp.signerKeySha256())) {
            return "the checkpoint's stored public key does not have the fingerprint the checkpoint names";
        }
        if (!trustedKeys.isEmpty() && !trustedKeys.contains(cp.signerKeySha256())) {
            return "the checkpoint is signed by key sha256 " + cp.signerKeySha256() + ", not a trusted station key";
        }
        if (!stationKeys.isEmpty() && !stationKeys.getOrDefault(cp.station(), Set.of()).contains(cp.signerKeySha256())) {
            return stationKeys.containsKey(cp.station())
                    ? "the checkpoint is signed by key sha256 " + cp.signerKeySha256() + ", not station " + cp.station()
                    + "'s key on the trust list"
                    : "station " + cp.station() + " is not on the trust list (checkpoint key sha256 "
                    + cp.signerKeySha256() + ")";
        }
        byte[] signed = ChainFormat.checkpointBytes(cp.station(), cp.seq(), cp.headHash(), cp.createdAt(),
                cp.reason(), cp.signerKeySha256(), cp.signerCertSha256(), cp.signatureAlgorithm());
        try {
            PublicKey key = publicKey(cp.signerPublicKey(), spki, cp.signatureAlgorithm());
            Signature verifier = Signature.getInstance(cp.signatureAlgorithm(), BC);
            verifier.initVerify(key);
            verifier.update(signed);
            if (verifier.verify(signature)) {
                return null;
            }
            return "the checkpoint's signature does not verify under its stored key";
        } catch (GeneralSecurityException e) {
            return "the checkpoint's signature does not verify under its stored key (" + e.getClass().getSimpleName()
                    + ")";
        }
    }

    private PublicKey publicKey(String base64, byte[] spki, String signatureAlgorithm)
            throws GeneralSecurityException {
        PublicKey known = keys.get(base64);
        if (known != null) {
            return known;
        }
        String keyAlgorithm = signatureAlgorithm.contains("ECDSA") ? "EC"
                : signatureAlgorithm.contains("RSA") ? "RSA" : signatureAlgorithm;
        PublicKey key = KeyFactory.getInstance(keyAlgorithm, BC).generatePublic(new X509EncodedKeySpec(spki));
        keys.put(base64, key);
        return key;
    }
}
