package dev.hallmark.engine.conformity;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ECIES on P-256 with the JDK, so that only the holder of the customer's private key can read a unit's secret
 * (docs/conformity.md): an ephemeral P-256 key pair, ECDH with the customer's key, HKDF-SHA256 (salt = the ephemeral
 * public point, info = {@value #INFO}) to a 256-bit AES key, AES-256-GCM (the key is used once, so a zero IV)
 * with the unit's UID as associated data. Wrapped form: {@code 0x01 | ephemeral point (65, uncompressed) |
 * ciphertext | tag (16)}.
 */
public final class CustomerWrap {

    static final String INFO = "hallmark unit secret v1";
    private static final byte VERSION = 0x01;
    private static final int POINT = 65;
    private static final int COORDINATE = 32;
    private static final int TAG_BITS = 128;

    private CustomerWrap() {
    }

    /** The secret wrapped for {@code customer} (EC P-256), bound to {@code uid}. */
    public static byte[] wrap(PublicKey customer, byte[] secret, String uid, SecureRandom random)
            throws ProvisioningException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair ephemeral = generator.generateKeyPair();
            byte[] point = encode(((ECPublicKey) ephemeral.getPublic()).getW());
            byte[] key = derive(ephemeral.getPrivate(), customer, point);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, new byte[12]));
            gcm.updateAAD(uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] sealed = gcm.doFinal(secret);
            Arrays.fill(key, (byte) 0);
            return ByteBuffer.allocate(1 + POINT + sealed.length).put(VERSION).put(point).put(sealed).array();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new ProvisioningException(ErrorCode.UNIT_SECRET_WRAP_FAILED, "the unit secret could not be wrapped "
                    + "for the customer's key", e.toString(), e);
        }
    }

    /** What the customer's tool does: the secret back from its wrapped form, with the customer's private key. */
    public static byte[] unwrap(PrivateKey customer, byte[] wrapped, String uid) throws GeneralSecurityException {
        if (wrapped.length < 1 + POINT + TAG_BITS / 8 || wrapped[0] != VERSION) {
            throw new GeneralSecurityException("not a wrapped unit secret of version 1");
        }
        byte[] point = Arrays.copyOfRange(wrapped, 1, 1 + POINT);
        ECPoint w = new ECPoint(new java.math.BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE)),
                new java.math.BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE, POINT)));
        PublicKey ephemeral = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w,
                ((java.security.interfaces.ECPrivateKey) customer).getParams()));
        byte[] key = derive(customer, ephemeral, point);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, new byte[12]));
        gcm.updateAAD(uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return gcm.doFinal(wrapped, 1 + POINT, wrapped.length - 1 - POINT);
    }

    private static byte[] derive(PrivateKey mine, PublicKey theirs, byte[] salt) throws GeneralSecurityException {
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(mine);
        ecdh.doPhase(theirs, true);
        byte[] shared = ecdh.generateSecret();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = hmac.doFinal(shared);
        Arrays.fill(shared, (byte) 0);
        hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
        hmac.update(INFO.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        hmac.update((byte) 1);
        return hmac.doFinal();
    }

    private static byte[] encode(ECPoint w) {
        byte[] out = new byte[POINT];
        out[0] = 0x04;
        copy(w.getAffineX(), out, 1);
        copy(w.getAffineY(), out, 1 + COORDINATE);
        return out;
    }

    private static void copy(java.math.BigInteger value, byte[] out, int at) {
        byte[] bytes = value.toByteArray();
        int n = Math.min(bytes.length, COORDINATE);
        System.arraycopy(bytes, bytes.length - n, out, at + COORDINATE - n, n);
    }
}
