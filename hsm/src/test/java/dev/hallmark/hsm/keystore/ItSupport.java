package dev.hallmark.hsm.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.hsm.pkcs11.SessionLease;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/** Helpers the key store integration tests share: opening a station on a fixture token, checks with the JDK. */
final class ItSupport {

    private ItSupport() {
    }

    static Pkcs11Station open(String label) throws ProvisioningException {
        return Pkcs11Station.open(SoftHsmFixture.module(), SoftHsmFixture.token(label), SoftHsmFixture.userPin());
    }

    static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    static void assertVerifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
        assertThat(verifies(key, data, signature)).as("JDK SHA256withECDSA verification").isTrue();
    }

    /** Whether the JDK verifies {@code signature} with the key's own algorithm (spec().signatureAlgorithm()). */
    static boolean verifies(KeyHandle key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(key.spec().signatureAlgorithm());
        verifier.initVerify(key.publicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    /** A self-signed certificate whose signature is made in the token. */
    static X509Certificate selfSigned(DeviceKeyStore keys, KeyHandle key) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name("CN=" + key.alias() + ",O=Hallmark IT");
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), name, key.publicKey());
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new TokenContentSigner(keys, key)));
        certificate.verify(key.publicKey());
        return certificate;
    }

    /** Handles of objects of {@code objectClass} with the key's CKA_ID, looked up on a pooled session. */
    static long[] objects(Pkcs11Station station, long objectClass, byte[] id) throws Exception {
        try (SessionLease lease = station.sessions().lease()) {
            return KeyObjects.find(lease.session(), objectClass, id);
        }
    }

    static AttributeVector attributes(Pkcs11Station station, long handle, long... types) throws Exception {
        try (SessionLease lease = station.sessions().lease()) {
            return lease.session().getAttrValues(handle, types);
        } catch (PKCS11Exception e) {
            throw new AssertionError("reading attributes failed: " + e.getErrorName(), e);
        }
    }
}
