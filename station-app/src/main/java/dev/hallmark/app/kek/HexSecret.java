package dev.hallmark.app.kek;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;

/** Hex digits of a key component into bytes without ever making a String of them; spaces, colons and dashes skipped. */
final class HexSecret {

    private HexSecret() {
    }

    /** Decodes {@code length} bytes from hex characters; KEK_CEREMONY_REFUSED on anything else. */
    static byte[] decode(char[] text, int length, String what) throws ProvisioningException {
        byte[] out = new byte[length];
        int nibbles = 0;
        for (char c : text) {
            if (c == ' ' || c == ':' || c == '-' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0 || nibbles >= 2 * length) {
                java.util.Arrays.fill(out, (byte) 0);
                throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, what + " is not " + 2 * length
                        + " hex digits");
            }
            out[nibbles / 2] |= (byte) (nibbles % 2 == 0 ? v << 4 : v);
            nibbles++;
        }
        if (nibbles != 2 * length) {
            java.util.Arrays.fill(out, (byte) 0);
            throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, what + " has " + nibbles
                    + " hex digits, not " + 2 * length);
        }
        return out;
    }

    /** As {@link #decode(char[], int, String)} from ASCII bytes (a component file). */
    static byte[] decode(byte[] ascii, int length, String what) throws ProvisioningException {
        char[] chars = new char[ascii.length];
        try {
            for (int i = 0; i < ascii.length; i++) {
                chars[i] = (char) (ascii[i] & 0xFF);
            }
            return decode(chars, length, what);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
