package dev.hallmark.hsm.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EcPointsTest {

    private static byte[] raw(ECPoint point) {
        byte[] raw = new byte[65];
        raw[0] = 0x04;
        copyFixed(point.getAffineX(), raw, 1);
        copyFixed(point.getAffineY(), raw, 33);
        return raw;
    }

    private static void copyFixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }

    private static ECPoint freshPoint() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
    }

    @Test
    void rawUncompressedPointIsAccepted() throws Exception {
        ECPoint point = freshPoint();
        assertThat(EcPoints.decode(raw(point), 32)).isEqualTo(point);
    }

    @Test
    void derOctetStringWrappedPointIsAccepted() throws Exception {
        ECPoint point = freshPoint();
        byte[] raw = raw(point);
        byte[] der = new byte[67];
        der[0] = 0x04;
        der[1] = 65;
        System.arraycopy(raw, 0, der, 2, 65);
        assertThat(EcPoints.decode(der, 32)).isEqualTo(point);
    }

    @Test
    void longFormDerLengthIsAccepted() throws Exception {
        byte[] raw = new byte[133];
        raw[0] = 0x04;
        raw[1] = 0x01;
        raw[132] = 0x02;
        byte[] der = new byte[136];
        der[0] = 0x04;
        der[1] = (byte) 0x81;
        der[2] = (byte) 133;
        System.arraycopy(raw, 0, der, 3, 133);
        ECPoint point = EcPoints.decode(der, 66);
        assertThat(point.getAffineY()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void compressedTruncatedOrMislabelledPointsAreRefused() throws Exception {
        byte[] raw = raw(freshPoint());
        byte[] compressed = Arrays.copyOf(raw, 65);
        compressed[0] = 0x02;
        assertThatThrownBy(() -> EcPoints.decode(compressed, 32)).hasMessageContaining("not uncompressed");
        assertThatThrownBy(() -> EcPoints.decode(Arrays.copyOf(raw, 64), 32)).isInstanceOf(IllegalArgumentException.class);
        byte[] badLength = new byte[67];
        badLength[0] = 0x04;
        badLength[1] = 64;
        assertThatThrownBy(() -> EcPoints.decode(badLength, 32)).hasMessageContaining("OCTET STRING");
        assertThatThrownBy(() -> EcPoints.decode(null, 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
