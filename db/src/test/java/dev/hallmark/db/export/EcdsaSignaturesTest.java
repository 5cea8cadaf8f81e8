package dev.hallmark.db.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {

    @Test
    void aDerSignatureFromTheJdkVerifiesAsRAndSConcatenated() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] data = "header.payload".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(data);
            byte[] raw = EcdsaSignatures.derToConcatenated(signer.sign(), 32);

            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(pair.getPublic());
            verifier.update(data);
            assertThat(raw).hasSize(64);
            assertThat(verifier.verify(raw)).isTrue();
        }
    }

    @Test
    void shortIntegersArePaddedAndSignBytesDropped() {
        BigInteger r = BigInteger.ONE;
        BigInteger s = BigInteger.ONE.shiftLeft(255).add(BigInteger.TWO);

        byte[] raw = EcdsaSignatures.derToConcatenated(der(r, s), 32);

        assertThat(Arrays.copyOfRange(raw, 0, 32)).isEqualTo(HexFormat.of().parseHex("00".repeat(31) + "01"));
        assertThat(Arrays.copyOfRange(raw, 32, 64)).isEqualTo(HexFormat.of().parseHex("80" + "00".repeat(30) + "02"));
    }

    @Test
    void refusesWhatIsNotAP256DerSignature() {
        assertThatThrownBy(() -> EcdsaSignatures.derToConcatenated(new byte[64], 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EcdsaSignatures.derToConcatenated(
                der(BigInteger.ONE.shiftLeft(256), BigInteger.ONE), 32)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        try {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(r));
            v.add(new ASN1Integer(s));
            return new DERSequence(v).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
