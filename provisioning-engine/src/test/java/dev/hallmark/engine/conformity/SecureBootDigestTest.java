package dev.hallmark.engine.conformity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecureBootDigestTest {

    private static RSAPublicKey key;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        key = (RSAPublicKey) rsa.generateKeyPair().getPublic();
    }

    private static BigInteger littleEndian(byte[] bytes, int from, int length) {
        byte[] big = new byte[length];
        for (int i = 0; i < length; i++) {
            big[i] = bytes[from + length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    @Test
    void theKeyMaterialIsLaidOutAsTheSignatureBlockHoldsIt() {
        byte[] material = SecureBootDigest.keyMaterial(key);

        assertThat(material).hasSize(776);
        BigInteger n = key.getModulus();
        assertThat(littleEndian(material, 0, 384)).isEqualTo(n);
        assertThat(littleEndian(material, 384, 4)).isEqualTo(key.getPublicExponent());
        BigInteger r = littleEndian(material, 388, 384);
        assertThat(r).isEqualTo(BigInteger.TWO.pow(6144).mod(n));
        BigInteger mPrime = littleEndian(material, 772, 4);
        assertThat(mPrime.multiply(n).add(BigInteger.ONE).mod(BigInteger.TWO.pow(32)))
                .as("M' * n = -1 mod 2^32").isZero();
    }

    @Test
    void theDigestIsSha256OfThatMaterialAndOnlyRsa3072IsTaken() throws Exception {
        byte[] digest = SecureBootDigest.of(key);

        assertThat(digest).isEqualTo(MessageDigest.getInstance("SHA-256").digest(SecureBootDigest.keyMaterial(key)));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        RSAPublicKey small = (RSAPublicKey) rsa.generateKeyPair().getPublic();
        assertThat(Arrays.equals(SecureBootDigest.keyMaterial(small), SecureBootDigest.keyMaterial(key))).isFalse();
        assertThatThrownBy(() -> SecureBootDigest.of(small)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFORMITY_KEY_INVALID));
    }
}
