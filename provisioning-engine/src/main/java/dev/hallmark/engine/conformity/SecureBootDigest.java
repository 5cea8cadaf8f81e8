package dev.hallmark.engine.conformity;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;

/**
 * The Secure Boot V2 key digest of an RSA-3072 firmware signing key: SHA-256 over the public key material of the
 * signature block (its bytes 36..811, as the ESP-IDF Secure Boot V2 page lays the block out): the modulus n (384
 * bytes), the exponent e (4), the pre-calculated R = 2^6144 mod n (384) and M' = -n^-1 mod 2^32 (4), each
 * little-endian as the chip's RSA peripheral takes them. Hallmark computes it from the PEM public key so a profile
 * can name the key itself; the byte order is our reading of the documentation (docs/esp32.md).
 */
public final class SecureBootDigest {

    /** RSA-3072: 384-byte modulus. */
    static final int MODULUS_BYTES = 384;
    private static final BigInteger TWO_POW_32 = BigInteger.ONE.shiftLeft(32);

    private SecureBootDigest() {
    }

    /** The 32-byte digest of {@code key}; CONFORMITY_KEY_INVALID if it is not RSA-3072. */
    public static byte[] of(RSAPublicKey key) throws ProvisioningException {
        BigInteger n = key.getModulus();
        if (n.bitLength() != MODULUS_BYTES * 8) {
            throw new ProvisioningException(ErrorCode.CONFORMITY_KEY_INVALID, "the firmware signing key is RSA-"
                    + n.bitLength() + "; Secure Boot V2 on the ESP32-C3 takes RSA-3072");
        }
        return digest(keyMaterial(key));
    }

    /** The 776 bytes of public key material of the signature block (bytes 36..811). */
    static byte[] keyMaterial(RSAPublicKey key) {
        BigInteger n = key.getModulus();
        BigInteger r = BigInteger.ONE.shiftLeft(2 * MODULUS_BYTES * 8).mod(n);
        BigInteger mPrime = n.modInverse(TWO_POW_32).negate().mod(TWO_POW_32);
        ByteBuffer out = ByteBuffer.allocate(2 * MODULUS_BYTES + 8).order(ByteOrder.LITTLE_ENDIAN);
        out.put(littleEndian(n, MODULUS_BYTES));
        out.putInt(key.getPublicExponent().intValue());
        out.put(littleEndian(r, MODULUS_BYTES));
        out.putInt(mPrime.intValue());
        return out.array();
    }

    private static byte[] littleEndian(BigInteger value, int length) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[length];
        for (int i = 0; i < length && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static byte[] digest(byte[] material) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(material);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
