package dev.hallmark.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** The per-device transport key of docs/identity-blob.md: AES-256-ECB of the UID-derived data under the KEK. */
final class TransportKey {

    private static final int UID_FIELD = 12;
    private static final byte[] TAG = "HMT".getBytes(StandardCharsets.US_ASCII);

    private TransportKey() {
    }

    /** {@code U || 'HMT' || 0x00 || U || 'HMT' || 0x01}, U cut or zero-padded to 12 bytes. */
    static byte[] derivationData(byte[] uid) {
        byte[] u = Arrays.copyOf(uid, UID_FIELD);
        byte[] d = new byte[32];
        for (int half = 0; half < 2; half++) {
            int at = half * 16;
            System.arraycopy(u, 0, d, at, UID_FIELD);
            System.arraycopy(TAG, 0, d, at + UID_FIELD, TAG.length);
            d[at + 15] = (byte) half;
        }
        return d;
    }

    /** The 32-byte transport key of the device with the UID. */
    static byte[] derive(byte[] kek, byte[] uid) {
        if (kek.length != 32) {
            throw new IllegalArgumentException("the transport KEK is an AES-256 key of 32 bytes, not " + kek.length);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
            return aes.doFinal(derivationData(uid));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB is missing from this JVM", e);
        }
    }
}
