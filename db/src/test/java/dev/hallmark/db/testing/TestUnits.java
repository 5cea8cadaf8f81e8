package dev.hallmark.db.testing;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.LockEvidence;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Building blocks for audit store tests: fixed times, UIDs, outcomes, lock evidence and certificates. */
public final class TestUnits {

    /** A fixed start of the test day, whole milliseconds so it reads back exactly. */
    public static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123Z");

    private TestUnits() {
    }

    public static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A 96-bit STM32-like UID whose last bytes carry {@code n}. */
    public static DeviceUid uid(int n) {
        return DeviceUid.ofHex(String.format("0033002a3131510c%08x", n));
    }

    public static UnitOutcome passed(String serial, DeviceUid uid, String sha256) {
        return new UnitOutcome("F1", serial, uid, UnitResult.PASS, null, null, null, sha256, Duration.ofSeconds(9));
    }

    public static UnitOutcome failed(String serial, DeviceUid uid, Step step, ErrorCode error, String cause) {
        return new UnitOutcome("F1", serial, uid, UnitResult.FAILED, step, error, cause, null, Duration.ofSeconds(3));
    }

    public static LockEvidence evidence(boolean locked) {
        return new LockEvidence(LockLevel.READOUT_PROTECTED, locked, List.of(
                "READ_MEMORY 0x08000000 -> " + (locked ? "NACK 0x1F" : "ACK 0x79"), "GET_ID -> 0x0413"));
    }

    /** A self-signed EC P-256 certificate with the given common name, made with Bouncy Castle. */
    public static X509Certificate certificate(String commonName) {
        return certificate(commonName, commonName, BigInteger.valueOf(System.nanoTime()));
    }

    /** An EC P-256 certificate for {@code subject} naming {@code issuer} and carrying {@code serial}, new key. */
    public static X509Certificate certificate(String issuer, String subject, BigInteger serial) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + issuer + ",O=Hallmark test"), serial, Date.from(T0),
                    Date.from(T0.plus(Duration.ofDays(365))), new X500Name("CN=" + subject + ",O=Hallmark test"),
                    pair.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("a test certificate could not be made", e);
        }
    }
}
