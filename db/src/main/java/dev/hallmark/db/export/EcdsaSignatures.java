package dev.hallmark.db.export;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA signature encodings: JCA and PKCS#11-to-X.509 use DER ({@code SEQUENCE {r INTEGER, s INTEGER}}); JWS
 * (RFC 7518, section 3.4) uses the fixed-width concatenation r||s, each as wide as the curve's order.
 */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    /** The r||s form of a DER ECDSA signature, each half {@code width} bytes (32 for P-256). */
    static byte[] derToConcatenated(byte[] der, int width) {
        ASN1Sequence sequence;
        try {
            ASN1Primitive parsed = ASN1Primitive.fromByteArray(der);
            sequence = ASN1Sequence.getInstance(parsed);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the signature is not a DER ECDSA signature", e);
        }
        if (sequence.size() != 2) {
            throw new IllegalArgumentException("a DER ECDSA signature holds 2 integers, not " + sequence.size());
        }
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
        if (r.bitLength() > width * 8 || s.bitLength() > width * 8) {
            throw new IllegalArgumentException("the signature's integers are wider than " + width + " bytes");
        }
        byte[] out = new byte[2 * width];
        System.arraycopy(BigIntegers.asUnsignedByteArray(width, r), 0, out, 0, width);
        System.arraycopy(BigIntegers.asUnsignedByteArray(width, s), 0, out, width, width);
        return out;
    }
}
