package dev.hallmark.hsm.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.KeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Functions;

/** How each key spec reads public keys back and builds signatures, checked against keys the JDK made. */
class KeySupportTest {

    private static final byte[] DATA = "CertificationRequestInfo".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyKeySpecOfTheEngineIsSupported() {
        for (KeySpec spec : KeySpec.values()) {
            assertThat(KeyTypeSupport.forSpec(spec).spec()).isEqualTo(spec);
        }
        assertThat(KeyTypeSupport.ALL.stream().map(KeyTypeSupport::displayName))
                .containsExactly("EC P-256", "EC P-384", "Ed25519", "RSA-2048", "RSA-3072");
    }

    @Test
    void ed25519PublicKeyIsReadFromARawOrDerWrappedPoint() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] der = new byte[34];
        der[0] = 0x04;
        der[1] = 32;
        System.arraycopy(raw, 0, der, 2, 32);
        for (byte[] point : new byte[][] {raw, der}) {
            AttributeVector attributes = new AttributeVector().ecParams(Functions.encodeOid("1.3.101.112")).ecPoint(point);
            assertThat(EdKeySupport.ED25519.matches(attributes)).isTrue();
            assertThat(EdKeySupport.ED25519.publicKey(attributes).getEncoded()).isEqualTo(spki);
        }
        AttributeVector named = new AttributeVector().ecParams(HexFormat.of().parseHex("130c656477617264733235353139"));
        assertThat(EdKeySupport.ED25519.matches(named)).as("PrintableString edwards25519").isTrue();
        assertThatThrownBy(() -> EdKeySupport.rawPoint(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ecP384PublicKeyIsReadAndTheCurveIsTold() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        byte[] point = new byte[97];
        point[0] = 0x04;
        fixed(key.getW().getAffineX(), point, 1, 48);
        fixed(key.getW().getAffineY(), point, 49, 48);
        AttributeVector attributes = new AttributeVector().ecParams(Functions.encodeOid("1.3.132.0.34")).ecPoint(point);
        assertThat(EcKeySupport.P384.matches(attributes)).isTrue();
        assertThat(EcKeySupport.P256.matches(attributes)).isFalse();
        assertThat(EcKeySupport.P384.publicKey(attributes).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void rsaDigestInfoSignedRawIsTheJdksSha256WithRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Signature raw = Signature.getInstance("NONEwithRSA");
        raw.initSign(pair.getPrivate());
        raw.update(RsaKeySupport.digestInfo(DATA));
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(pair.getPrivate());
        jdk.update(DATA);
        assertThat(raw.sign()).isEqualTo(jdk.sign());

        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        AttributeVector attributes = new AttributeVector().modulus(key.getModulus()).publicExponent(key.getPublicExponent());
        assertThat(RsaKeySupport.RSA_2048.matches(attributes)).isTrue();
        assertThat(RsaKeySupport.RSA_3072.matches(attributes)).isFalse();
        assertThat(RsaKeySupport.RSA_2048.publicKey(attributes)).isEqualTo(key);
        assertThat(RsaKeySupport.PUBLIC_EXPONENT).isEqualTo(BigInteger.valueOf(65537));
    }

    private static void fixed(BigInteger value, byte[] target, int offset, int length) {
        byte[] bytes = value.toByteArray();
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, target, offset + length - copy, copy);
    }
}
