package dev.hallmark.sim;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Date;
import java.util.zip.CRC32;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.engines.AESWrapPadEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds identity blobs exactly as docs/identity-blob.md lays them out, for the simulator to read. */
final class TestIdentities {

    private TestIdentities() {
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static byte[] selfSignedCertificate(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=device-sim test");
        Date now = new Date(1_767_225_600_000L);
        return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L),
                name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                .getEncoded();
    }

    /** RFC 5649 wrap of the PKCS#8 followed by {@code zeroTail} zero bytes, as some tokens produce. */
    static byte[] wrap(byte[] pkcs8, byte[] transportKey, int zeroTail) {
        AESWrapPadEngine engine = new AESWrapPadEngine();
        engine.init(true, new KeyParameter(transportKey));
        byte[] plain = Arrays.copyOf(pkcs8, pkcs8.length + zeroTail);
        return engine.wrap(plain, 0, plain.length);
    }

    static byte[] blob(byte[] wrapped, byte[] certificate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'H', 'M', 'I', 'D', 1, 1});
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
