package dev.hallmark.hsm.pkcs11;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/** A salted SHA-256 of a PIN, kept in memory only, to check a later PIN without asking the token again. */
final class PinVerifier {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] digest;

    private PinVerifier(byte[] salt, byte[] digest) {
        this.salt = salt;
        this.digest = digest;
    }

    static PinVerifier of(char[] pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PinVerifier(salt, hash(salt, pin));
    }

    boolean matches(char[] pin) {
        return MessageDigest.isEqual(digest, hash(salt, pin));
    }

    private static byte[] hash(byte[] salt, char[] pin) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
