package dev.hallmark.hsm.keystore;

import java.nio.charset.StandardCharsets;

/**
 * The diversification data D of docs/identity-blob.md: {@code U || "HMT" || 0x00 || U || "HMT" || 0x01}, with the
 * device UID U cut or zero-padded to 12 bytes. The transport key is AES-256-ECB(KEK, D).
 */
final class TransportKeyDerivation {

    static final int UID_LENGTH = 12;
    static final int DATA_LENGTH = 32;
    private static final byte[] TAG = "HMT".getBytes(StandardCharsets.US_ASCII);

    private TransportKeyDerivation() {
    }

    static byte[] derivationData(byte[] uid) {
        if (uid.length == 0) {
            throw new IllegalArgumentException("a device UID must not be empty");
        }
        byte[] data = new byte[DATA_LENGTH];
        int half = DATA_LENGTH / 2;
        for (int block = 0; block < 2; block++) {
            int offset = block * half;
            System.arraycopy(uid, 0, data, offset, Math.min(uid.length, UID_LENGTH));
            System.arraycopy(TAG, 0, data, offset + UID_LENGTH, TAG.length);
            data[offset + half - 1] = (byte) block;
        }
        return data;
    }
}
