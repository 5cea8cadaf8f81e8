package dev.hallmark.engine.workflow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Encodes the identity written to a device's key slot, as docs/identity-blob.md specifies. */
public final class IdentityBlob {

    static final byte[] MAGIC = "HMID".getBytes(StandardCharsets.US_ASCII);
    static final byte VERSION = 0x01;
    static final byte FORMAT_WRAPPED_PKCS8_KWP = 0x01;
    private static final int HEADER = 10;
    private static final int MAX_FIELD = 0xFFFF;

    private IdentityBlob() {
    }

    /** The blob for a wrapped private key and its DER certificate. */
    public static byte[] encode(byte[] wrappedKey, byte[] certificateDer) {
        if (wrappedKey.length > MAX_FIELD || certificateDer.length > MAX_FIELD) {
            throw new IllegalArgumentException("identity fields are limited to 65535 bytes each");
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER + wrappedKey.length + certificateDer.length + 4);
        out.put(MAGIC).put(VERSION).put(FORMAT_WRAPPED_PKCS8_KWP)
                .putShort((short) wrappedKey.length).putShort((short) certificateDer.length)
                .put(wrappedKey).put(certificateDer);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }
}
