package dev.hallmark.fuse.stm32;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Date;
import java.util.zip.CRC32;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.engines.AESWrapPadEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds an identity blob as docs/identity-blob.md specifies, the way the station's HSM would. */
final class TestIdentityBlobs {

    private TestIdentityBlobs() {
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static byte[] certificate(KeyPair pair, String commonName) throws Exception {
        X500Name name = new X500Name("CN=" + commonName);
        Date from = new Date(1_767_225_600_000L);
        return new JcaX509v3CertificateBuilder(name, BigInteger.TEN, from, new Date(from.getTime() + 86_400_000L),
                name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
    }

    /** TK = AES-256-ECB(KEK, U||'HMT'||0x00||U||'HMT'||0x01). */
    static byte[] transportKey(byte[] kek, byte[] uid) throws Exception {
        byte[] tag = "HMT".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer d = ByteBuffer.allocate(32);
        d.put(Arrays.copyOf(uid, 12)).put(tag).put((byte) 0).put(Arrays.copyOf(uid, 12)).put(tag).put((byte) 1);
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
        return aes.doFinal(d.array());
    }

    /** RFC 5649 wrap with the zero tail some tokens append to the PKCS#8. */
    static byte[] wrap(byte[] pkcs8, byte[] transportKey) {
        AESWrapPadEngine engine = new AESWrapPadEngine();
        engine.init(true, new KeyParameter(transportKey));
        byte[] plain = Arrays.copyOf(pkcs8, pkcs8.length + 5);
        return engine.wrap(plain, 0, plain.length);
    }

    static byte[] blob(byte[] wrapped, byte[] certificate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'H', 'M', 'I', 'D', 0x01, 0x01});
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) wrapped.length)
                .putShort((short) certificate.length).array());
        out.writeBytes(wrapped);
        out.writeBytes(certificate);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
