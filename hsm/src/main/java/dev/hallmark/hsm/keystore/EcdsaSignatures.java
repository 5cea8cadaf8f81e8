package dev.hallmark.hsm.keystore;

/** Converts the plain r||s that C_Sign returns for CKM_ECDSA into the DER (X9.62) form JCA's SHA256withECDSA expects. */
final class EcdsaSignatures {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaSignatures() {
    }

    static byte[] plainToDer(byte[] plain, int fieldBytes) {
        if (plain.length != 2 * fieldBytes) {
            throw new IllegalArgumentException("an ECDSA signature over a " + 8 * fieldBytes + "-bit curve has "
                    + 2 * fieldBytes + " bytes, not " + plain.length);
        }
        int rStart = firstSignificant(plain, 0, fieldBytes);
        int sStart = firstSignificant(plain, fieldBytes, 2 * fieldBytes);
        int rLength = integerLength(plain, rStart, fieldBytes);
        int sLength = integerLength(plain, sStart, 2 * fieldBytes);
        int bodyLength = headerLength(rLength) + rLength + headerLength(sLength) + sLength;
        byte[] der = new byte[headerLength(bodyLength) + bodyLength];
        int at = writeHeader(der, 0, SEQUENCE, bodyLength);
        at = writeInteger(der, at, plain, rStart, fieldBytes, rLength);
        writeInteger(der, at, plain, sStart, 2 * fieldBytes, sLength);
        return der;
    }

    /** Index of the first non-zero byte in [from, to), or to - 1 if all are zero (the integer 0 keeps one byte). */
    private static int firstSignificant(byte[] plain, int from, int to) {
        int at = from;
        while (at < to - 1 && plain[at] == 0) {
            at++;
        }
        return at;
    }

    /** DER INTEGER content length: the magnitude, plus a 0x00 if its top bit is set (it is positive). */
    private static int integerLength(byte[] plain, int start, int end) {
        return end - start + ((plain[start] & 0x80) != 0 ? 1 : 0);
    }

    private static int headerLength(int contentLength) {
        return contentLength < 0x80 ? 2 : contentLength <= 0xff ? 3 : 4;
    }

    private static int writeHeader(byte[] der, int at, int tag, int length) {
        der[at++] = (byte) tag;
        if (length >= 0x80) {
            if (length > 0xff) {
                der[at++] = (byte) 0x82;
                der[at++] = (byte) (length >>> 8);
            } else {
                der[at++] = (byte) 0x81;
            }
        }
        der[at++] = (byte) length;
        return at;
    }

    private static int writeInteger(byte[] der, int at, byte[] plain, int start, int end, int length) {
        at = writeHeader(der, at, INTEGER, length);
        if (length > end - start) {
            der[at++] = 0;
        }
        System.arraycopy(plain, start, der, at, end - start);
        return at + end - start;
    }
}
