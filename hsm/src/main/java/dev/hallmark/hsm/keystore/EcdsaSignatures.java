package dev.hallmark.hsm.keystore;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

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
        byte[] r = new BigInteger(1, Arrays.copyOfRange(plain, 0, fieldBytes)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(plain, fieldBytes, plain.length)).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeTlv(body, INTEGER, r);
        writeTlv(body, INTEGER, s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTlv(out, SEQUENCE, body.toByteArray());
        return out.toByteArray();
    }

    private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length <= 0xff) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >>> 8);
            out.write(value.length & 0xff);
        }
        out.writeBytes(value);
    }
}
