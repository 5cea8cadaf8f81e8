package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.IssueRequest;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Shared test data: a fixed clock, a product profile, device keys and their PKCS#10 requests. */
final class CaFixture {

    static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String CA_NAME = "Line 7";
    static final DeviceUid UID = DeviceUid.ofHex("0123456789abcdef01234567");
    static final String UID_URI = "urn:hallmark:uid:stm32f4:0123456789abcdef01234567";
    static final ProductProfile PROFILE = profile(Duration.ofDays(5 * 365));

    private CaFixture() {
    }

    static ProductProfile profile(Duration validity) {
        return new ProductProfile("f4-sensor", "STM32F4", KeySpec.EC_P256, KeyCustody.ON_DEVICE,
                LockLevel.READOUT_PROTECTED, "HM-F4-", "Acme Devices", validity);
    }

    static KeyPair deviceKey(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static KeyPair deviceKey() throws GeneralSecurityException {
        return deviceKey("secp256r1");
    }

    /** A request for {@code subjectKey}'s public half, signed by {@code signer}, asking for its own subject and SAN. */
    static byte[] csr(KeyPair subjectKey, KeyPair signer, String subject, String sanUri) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), subjectKey.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))
                .getEncoded();
    }

    static byte[] csr(KeyPair key) throws Exception {
        return csr(key, key, "CN=HM-F4-000042", UID_URI);
    }

    static IssueRequest request(byte[] csr, String serial) {
        return new IssueRequest(csr, serial, UID, PROFILE);
    }

    static ProductProfile profile(String name, Duration validity) {
        return new ProductProfile(name, "STM32F4", KeySpec.EC_P256, KeyCustody.ON_DEVICE,
                LockLevel.READOUT_PROTECTED, "HM-F4-", "Acme Devices", validity);
    }

    /** Issues a certificate for a fresh device key to unit {@code serial}. */
    static X509Certificate issue(EmbeddedCa ca, String serial) throws Exception {
        return ca.issue(request(csr(deviceKey()), serial)).leaf();
    }

    /** A serial of {@link CertificateSigning#SERIAL_BYTES} bytes all equal to {@code fill}, as {@link ScriptedRandom} draws it. */
    static BigInteger serialOf(int fill) {
        byte[] bytes = new byte[CertificateSigning.SERIAL_BYTES];
        Arrays.fill(bytes, (byte) fill);
        return new BigInteger(1, bytes);
    }

    /** Each {@code nextBytes} call fills the array with the next scripted byte; once the script is used up, real randomness. */
    static final class ScriptedRandom extends SecureRandom {
        private final Deque<Integer> script = new ArrayDeque<>();

        ScriptedRandom(int... fills) {
            for (int fill : fills) {
                script.add(fill);
            }
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (script.isEmpty()) {
                super.nextBytes(bytes);
            } else {
                Arrays.fill(bytes, script.poll().byteValue());
            }
        }
    }

    static byte[] flipLastByte(byte[] der) {
        byte[] copy = Arrays.copyOf(der, der.length);
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    static byte[] subjectKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    static byte[] authorityKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifierOctets();
    }
}
