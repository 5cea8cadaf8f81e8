package dev.hallmark.hsm.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {

    @Test
    void plainSignaturesConvertToDerThatTheJdkVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] data = "unit 42 CSR".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 64; i++) {   // enough to meet r and s with the top bit set and with leading zeros
            Signature plainSigner = Signature.getInstance("SHA256withECDSAinP1363Format");
            plainSigner.initSign(pair.getPrivate());
            plainSigner.update(data);
            byte[] der = EcdsaSignatures.plainToDer(plainSigner.sign(), 32);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(data);
            assertThat(verifier.verify(der)).as("signature %d", i).isTrue();
        }
    }

    @Test
    void highBitIntegersGetALeadingZeroAndSmallOnesLoseTheirs() {
        byte[] plain = new byte[64];
        plain[0] = (byte) 0x80;   // r = 0x80 00..00: needs a 0x00 prefix to stay positive
        plain[63] = 0x05;         // s = 5: minimal encoding is one byte
        String der = HexFormat.of().formatHex(EcdsaSignatures.plainToDer(plain, 32));
        assertThat(der).isEqualTo("3026" + "022100" + "80" + "00".repeat(31) + "020105");
    }

    @Test
    void p384SignaturesConvertToo() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] data = "unit 43 CSR".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 32; i++) {
            Signature plainSigner = Signature.getInstance("SHA384withECDSAinP1363Format");
            plainSigner.initSign(pair.getPrivate());
            plainSigner.update(data);
            Signature verifier = Signature.getInstance("SHA384withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(data);
            assertThat(verifier.verify(EcdsaSignatures.plainToDer(plainSigner.sign(), 48))).as("signature %d", i).isTrue();
        }
    }

    @Test
    void zeroKeepsOneByte() {
        byte[] plain = new byte[64];
        plain[31] = 0x00;
        plain[63] = (byte) 0xff;   // s = 255 needs a leading zero
        assertThat(HexFormat.of().formatHex(EcdsaSignatures.plainToDer(plain, 32))).isEqualTo("3007020100020200ff");
    }

    @Test
    void wrongLengthIsRefused() {
        assertThatThrownBy(() -> EcdsaSignatures.plainToDer(new byte[63], 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes");
    }
}
