package dev.hallmark.hsm.keystore;

import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Message digests and key factories of the JDK, kept per thread: looking them up by name for every key and every
 * signature cost a measurable part of a SoftHSM2 unit.
 */
final class Digests {

    private static final ThreadLocal<Map<String, MessageDigest>> DIGESTS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<String, KeyFactory>> FACTORIES = ThreadLocal.withInitial(HashMap::new);

    private Digests() {
    }

    /** The digest of {@code data} computed in Java, before a raw-signature mechanism (CKM_ECDSA, CKM_RSA_PKCS). */
    static byte[] digest(String algorithm, byte[] data) {
        return DIGESTS.get().computeIfAbsent(algorithm, Digests::newDigest).digest(data);
    }

    /** This thread's JDK key factory for {@code algorithm} ("EC", "RSA", "Ed25519"). */
    static KeyFactory keyFactory(String algorithm) {
        return FACTORIES.get().computeIfAbsent(algorithm, name -> {
            try {
                return KeyFactory.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(name + " keys are missing from the JDK", e);
            }
        });
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }
}
