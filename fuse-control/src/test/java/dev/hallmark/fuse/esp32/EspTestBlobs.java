package dev.hallmark.fuse.esp32;

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

/** An identity blob for a device UID, built as docs/identity-blob.md specifies (as the station's HSM would). */
final class EspTestBlobs {

    private EspTestBlobs() {
    }

    /** A P-256 key wrapped under the UID's transport key, with a self-signed certificate named {@code cn}. */
    static byte[] blobFor(byte[] kek, byte[] uid, String cn) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        Date from = new Date(1_767_225_600_000L);
        byte[] certificate = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, from,
                new Date(from.getTime() + 86_400_000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
        byte[] tag = "HMT".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer d = ByteBuffer.allocate(32);
        d.put(Arrays.copyOf(uid, 12)).put(tag).put((byte) 0).put(Arrays.copyOf(uid, 12)).put(tag).put((byte) 1);
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
        AESWrapPadEngine wrap = new AESWrapPadEngine();
        wrap.init(true, new KeyParameter(aes.doFinal(d.array())));
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] wrapped = wrap.wrap(pkcs8, 0, pkcs8.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'H', 'M', 'I', 'D', 0x01, 0x01});
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) wrapped.length).putShort((short) certificate.length)
                .array());
        out.writeBytes(wrapped);
        out.writeBytes(certificate);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
