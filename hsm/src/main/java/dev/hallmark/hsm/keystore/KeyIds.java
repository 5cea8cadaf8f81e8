package dev.hallmark.hsm.keystore;

import java.nio.charset.StandardCharsets;
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
        return Arrays.copyOf(Digests.digest("SHA-256", alias.getBytes(StandardCharsets.UTF_8)), LENGTH);
    }

    static String hexForAlias(String alias) {
        return HexFormat.of().formatHex(forAlias(alias));
    }

    /** Whether {@code hexId} (either case) is the CKA_ID of {@code alias}. */
    static boolean matches(String alias, String hexId) {
        if (hexId == null || hexId.length() != 2 * LENGTH) {
            return false;
        }
        byte[] id = forAlias(alias);
        for (int i = 0; i < LENGTH; i++) {
            int high = Character.digit(hexId.charAt(2 * i), 16);
            int low = Character.digit(hexId.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0 || (byte) (high << 4 | low) != id[i]) {
                return false;
            }
        }
        return true;
    }
}
