package dev.hallmark.hsm.keystore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The CKA_ID of a device key: the first 16 bytes of SHA-256 over the alias in UTF-8, so a key is found by id. */
final class KeyIds {

    static final int LENGTH = 16;

    private KeyIds() {
    }

    static byte[] forAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("a key alias must not be blank");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(alias.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static String hexForAlias(String alias) {
        return HexFormat.of().formatHex(forAlias(alias));
    }
}
