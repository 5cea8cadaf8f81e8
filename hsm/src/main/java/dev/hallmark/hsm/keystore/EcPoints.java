package dev.hallmark.hsm.keystore;

import java.math.BigInteger;
import java.security.spec.ECPoint;
import java.util.Arrays;

/**
 * Decodes CKA_EC_POINT. Some tokens return the DER OCTET STRING the standard asks for, others the raw
 * uncompressed point (0x04 || X || Y): both are accepted, compressed points are not.
 */
final class EcPoints {

    private static final int OCTET_STRING = 0x04;
    private static final int UNCOMPRESSED = 0x04;

    private EcPoints() {
    }

    static ECPoint decode(byte[] encoded, int fieldBytes) {
        if (encoded == null) {
            throw new IllegalArgumentException("the token returned no EC point");
        }
        int rawLength = 1 + 2 * fieldBytes;
        byte[] raw = encoded.length == rawLength ? encoded : unwrapOctetString(encoded, rawLength);
        if (raw[0] != UNCOMPRESSED) {
            throw new IllegalArgumentException("the EC point is not uncompressed (first byte 0x"
                    + Integer.toHexString(raw[0] & 0xff) + ")");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + fieldBytes));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 1 + fieldBytes, rawLength));
        return new ECPoint(x, y);
    }

    private static byte[] unwrapOctetString(byte[] der, int rawLength) {
        if (der.length < 2 || (der[0] & 0xff) != OCTET_STRING) {
            throw new IllegalArgumentException("the EC point is neither " + rawLength
                    + " raw bytes nor a DER OCTET STRING (" + der.length + " bytes)");
        }
        int first = der[1] & 0xff;
        int headerLength;
        int length;
        if (first < 0x80) {
            headerLength = 2;
            length = first;
        } else if (first == 0x81 && der.length > 2) {
            headerLength = 3;
            length = der[2] & 0xff;
        } else if (first == 0x82 && der.length > 3) {
            headerLength = 4;
            length = ((der[2] & 0xff) << 8) | (der[3] & 0xff);
        } else {
            throw new IllegalArgumentException("the EC point has an unsupported DER length 0x" + Integer.toHexString(first));
        }
        if (length != rawLength || der.length != headerLength + length) {
            throw new IllegalArgumentException("the EC point OCTET STRING holds " + length + " of "
                    + (der.length - headerLength) + " bytes, expected " + rawLength);
        }
        return Arrays.copyOfRange(der, headerLength, der.length);
    }
}
