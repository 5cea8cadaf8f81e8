package dev.hallmark.engine.workflow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Encodes the identity written to a device's key slot, as docs/identity-blob.md specifies: version 1 (wrapped key
 * and certificate), or version 2 when extensions follow (the unit secret's verifier), with key format 0 when the key
 * stays in the device's own token (on-device custody).
 */
public final class IdentityBlob {

    static final byte[] MAGIC = "HMID".getBytes(StandardCharsets.US_ASCII);
    static final byte VERSION = 0x01;
    static final byte VERSION_EXTENDED = 0x02;
    static final byte FORMAT_NO_KEY = 0x00;
    static final byte FORMAT_WRAPPED_PKCS8_KWP = 0x01;
    /** Extension tag: the unit secret's verifier, ASCII {@code $pbkdf2-sha256$i=...$salt$hash}. */
    static final byte TAG_SECRET_VERIFIER = 0x01;
    private static final int HEADER = 10;
    private static final int MAX_FIELD = 0xFFFF;

    private IdentityBlob() {
    }

    /** The version-1 blob for a wrapped private key and its DER certificate. */
    public static byte[] encode(byte[] wrappedKey, byte[] certificateDer) {
        return encode(FORMAT_WRAPPED_PKCS8_KWP, wrappedKey, certificateDer, null);
    }

    /** The blob with the unit secret's verifier (version 2), or version 1 when {@code verifier} is null. */
    public static byte[] encode(byte[] wrappedKey, byte[] certificateDer, String verifier) {
        return encode(FORMAT_WRAPPED_PKCS8_KWP, wrappedKey, certificateDer, verifier);
    }

    /** A version-2 blob without a key (it stays in the device's token): the certificate and the verifier. */
    public static byte[] encodeWithoutKey(byte[] certificateDer, String verifier) {
        return encode(FORMAT_NO_KEY, new byte[0], certificateDer, verifier);
    }

    private static byte[] encode(byte format, byte[] wrappedKey, byte[] certificateDer, String verifier) {
        byte[] extensions = verifier == null ? null : extension(TAG_SECRET_VERIFIER,
                verifier.getBytes(StandardCharsets.US_ASCII));
        if (wrappedKey.length > MAX_FIELD || certificateDer.length > MAX_FIELD
                || (extensions != null && extensions.length > MAX_FIELD)) {
            throw new IllegalArgumentException("identity fields are limited to 65535 bytes each");
        }
        int size = HEADER + wrappedKey.length + certificateDer.length + (extensions == null ? 0 : 2 + extensions.length);
        ByteBuffer out = ByteBuffer.allocate(size + 4);
        out.put(MAGIC).put(extensions == null ? VERSION : VERSION_EXTENDED).put(format)
                .putShort((short) wrappedKey.length).putShort((short) certificateDer.length)
                .put(wrappedKey).put(certificateDer);
        if (extensions != null) {
            out.putShort((short) extensions.length).put(extensions);
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static byte[] extension(byte tag, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put(tag).putShort((short) value.length).put(value).array();
    }
}
