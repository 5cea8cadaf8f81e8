package dev.hallmark.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESWrapPadEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Reads a key slot the way a personalised secure MCU would (docs/identity-blob.md): magic {@code HMID}, version 1
 * or 2, key format 1 (or 0 in version 2: no key, it stays in the device's token), lengths, the extensions of
 * version 2, CRC-32; then derives the transport key, unwraps the RFC 5649 key, cuts the PKCS#8 at its DER length
 * and checks the certificate parses.
 */
final class IdentityBlobReader {

    static final byte[] MAGIC = {'H', 'M', 'I', 'D'};
    static final int HEADER = 10;
    static final int CRC_LENGTH = 4;

    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            "1.2.840.10045.2.1", "EC",
            "1.2.840.113549.1.1.1", "RSA",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    private IdentityBlobReader() {
    }

    /** Empty if the slot holds no blob (no magic); the identity if it holds a valid one. */
    static Optional<InstalledIdentity> read(byte[] slot, byte[] uid, byte[] kek) throws InvalidIdentityException {
        if (slot.length < HEADER + CRC_LENGTH || !Arrays.equals(slot, 0, 4, MAGIC, 0, 4)) {
            return Optional.empty();
        }
        ByteBuffer blob = ByteBuffer.wrap(slot);
        int version = slot[4] & 0xFF;
        int format = slot[5] & 0xFF;
        if (version < 1 || version > 2 || format > 1 || (format == 0 && version == 1)) {
            throw new InvalidIdentityException("unknown blob version " + version + " or key format " + format);
        }
        int wrappedLength = blob.getShort(6) & 0xFFFF;
        int certificateLength = blob.getShort(8) & 0xFFFF;
        int body = HEADER + wrappedLength + certificateLength;
        int extensionsLength = 0;
        if (version == 2) {
            if (body + 2 > slot.length) {
                throw new InvalidIdentityException("the extensions' length overruns the slot");
            }
            extensionsLength = blob.getShort(body) & 0xFFFF;
        }
        int end = body + (version == 2 ? 2 + extensionsLength : 0);
        if (end + CRC_LENGTH > slot.length) {
            throw new InvalidIdentityException(
                    "lengths " + wrappedLength + "+" + certificateLength + "+" + extensionsLength + " overrun the slot");
        }
        CRC32 crc = new CRC32();
        crc.update(slot, 0, end);
        if ((int) crc.getValue() != blob.getInt(end)) {
            throw new InvalidIdentityException("CRC-32 mismatch");
        }
        byte[] wrapped = Arrays.copyOfRange(slot, HEADER, HEADER + wrappedLength);
        byte[] certificate = Arrays.copyOfRange(slot, HEADER + wrappedLength, body);
        PrivateKey key = format == 0 ? null : privateKey(unwrap(wrapped, TransportKey.derive(kek, uid)));
        checkCertificate(certificate);
        String verifier = version == 2 ? verifier(slot, body + 2, end) : null;
        return Optional.of(new InstalledIdentity(key, certificate, verifier));
    }

    /** The extensions (tag 1, length 2, value): tag 0x01 is the unit secret's verifier; unknown tags are skipped. */
    private static String verifier(byte[] slot, int from, int end) throws InvalidIdentityException {
        String verifier = null;
        int at = from;
        while (at < end) {
            if (at + 3 > end) {
                throw new InvalidIdentityException("a truncated extension");
            }
            int tag = slot[at] & 0xFF;
            int length = (slot[at + 1] & 0xFF) << 8 | (slot[at + 2] & 0xFF);
            if (at + 3 + length > end) {
                throw new InvalidIdentityException("extension " + tag + " overruns the extensions");
            }
            if (tag == 1) {
                verifier = new String(slot, at + 3, length, java.nio.charset.StandardCharsets.US_ASCII);
            }
            at += 3 + length;
        }
        return verifier;
    }

    private static byte[] unwrap(byte[] wrapped, byte[] transportKey) throws InvalidIdentityException {
        AESWrapPadEngine engine = new AESWrapPadEngine();
        engine.init(false, new KeyParameter(transportKey));
        try {
            return engine.unwrap(wrapped, 0, wrapped.length);
        } catch (InvalidCipherTextException e) {
            throw new InvalidIdentityException("the key does not unwrap under this device's transport key");
        }
    }

    private static PrivateKey privateKey(byte[] plaintext) throws InvalidIdentityException {
        byte[] pkcs8 = Arrays.copyOf(plaintext, derLength(plaintext));
        try {
            String oid = PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm().getId();
            String algorithm = KEY_ALGORITHMS.get(oid);
            if (algorithm == null) {
                throw new InvalidIdentityException("unsupported key algorithm " + oid);
            }
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidIdentityException("the unwrapped key is not a PKCS#8 private key: " + e.getMessage());
        }
    }

    /** Length of the DER SEQUENCE at the start, header included. */
    static int derLength(byte[] der) throws InvalidIdentityException {
        if (der.length < 2 || der[0] != 0x30) {
            throw new InvalidIdentityException("the unwrapped key is not a DER SEQUENCE");
        }
        int first = der[1] & 0xFF;
        if (first < 0x80) {
            return check(2 + first, der);
        }
        int lengthBytes = first & 0x7F;
        if (lengthBytes == 0 || lengthBytes > 3 || der.length < 2 + lengthBytes) {
            throw new InvalidIdentityException("the unwrapped key has a bad DER length");
        }
        int length = 0;
        for (int i = 0; i < lengthBytes; i++) {
            length = (length << 8) | (der[2 + i] & 0xFF);
        }
        return check(2 + lengthBytes + length, der);
    }

    private static int check(int total, byte[] der) throws InvalidIdentityException {
        if (total > der.length) {
            throw new InvalidIdentityException("the unwrapped key is shorter than its DER length");
        }
        return total;
    }

    private static void checkCertificate(byte[] der) throws InvalidIdentityException {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new InvalidIdentityException("the certificate is not X.509 DER: " + e.getMessage());
        }
    }

    /** The slot holds a blob that a device would reject, and why. */
    static final class InvalidIdentityException extends IOException {
        InvalidIdentityException(String message) {
            super(message);
        }
    }
}
