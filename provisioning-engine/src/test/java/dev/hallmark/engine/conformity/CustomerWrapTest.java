package dev.hallmark.engine.conformity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class CustomerWrapTest {

    private static KeyPair p256() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        return ec.generateKeyPair();
    }

    @Test
    void onlyTheCustomersKeyForThatUnitReadsTheSecret() throws Exception {
        KeyPair customer = p256();
        byte[] secret = "K7rQ2mWx9Lp4Hs8Nc3Vd6Tg5".getBytes(StandardCharsets.US_ASCII);

        byte[] wrapped = CustomerWrap.wrap(customer.getPublic(), secret, "0a0b", new SecureRandom());
        byte[] again = CustomerWrap.wrap(customer.getPublic(), secret, "0a0b", new SecureRandom());

        assertThat(wrapped).hasSize(1 + 65 + secret.length + 16).startsWith(0x01, 0x04);
        assertThat(again).as("a fresh ephemeral key each time").isNotEqualTo(wrapped);
        assertThat(CustomerWrap.unwrap(customer.getPrivate(), wrapped, "0a0b")).isEqualTo(secret);
        assertThatThrownBy(() -> CustomerWrap.unwrap(p256().getPrivate(), wrapped, "0a0b"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> CustomerWrap.unwrap(customer.getPrivate(), wrapped, "0a0c"))
                .as("bound to the unit's UID").isInstanceOf(GeneralSecurityException.class);
        byte[] tampered = wrapped.clone();
        tampered[70] ^= 1;
        assertThatThrownBy(() -> CustomerWrap.unwrap(customer.getPrivate(), tampered, "0a0b"))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
