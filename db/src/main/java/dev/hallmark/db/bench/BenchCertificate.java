package dev.hallmark.db.bench;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The one real device certificate the generator records for every unit: EC P-256, made once per run. */
final class BenchCertificate {

    /** The template's serial: eight bytes whose last four {@link #forUnit} replaces with the unit number. */
    static final BigInteger SERIAL = new BigInteger("7f11223344556677", 16);
    private static final byte[] SERIAL_DER = {0x02, 0x08, 0x7f, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};

    private BenchCertificate() {
    }

    static X509Certificate create(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=HM0000001,O=Hallmark benchmark");
            X500Name issuer = new X500Name("CN=Hallmark benchmark issuing CA,O=Hallmark benchmark");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, SERIAL,
                    Date.from(RecordGenerator.T0), Date.from(RecordGenerator.T0.plus(Duration.ofDays(3650))), subject,
                    pair.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("the benchmark certificate could not be made", e);
        }
    }

    /**
     * A distinct certificate for unit {@code n}: the template's DER with the unit number in the last four bytes of
     * its serial. Its signature no longer verifies (a stand-in, not an issued certificate), but it parses, and its
     * fingerprint is its own.
     */
    static byte[] forUnit(byte[] templateDer, int n) {
        int at = serialOffset(templateDer);
        byte[] der = templateDer.clone();
        der[at + 6] = (byte) (n >>> 24);
        der[at + 7] = (byte) (n >>> 16);
        der[at + 8] = (byte) (n >>> 8);
        der[at + 9] = (byte) n;
        return der;
    }

    private static int serialOffset(byte[] der) {
        outer:
        for (int i = 0; i + SERIAL_DER.length <= der.length; i++) {
            for (int j = 0; j < SERIAL_DER.length; j++) {
                if (der[i + j] != SERIAL_DER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("the template certificate does not carry the benchmark serial");
    }
}
