package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key spec a product profile may ask for gets its certificate, and only for a key of that spec. */
class EmbeddedCaKeySpecTest {

    @TempDir
    Path dir;
    EmbeddedCa ca;

    @BeforeEach
    void initialize() throws ProvisioningException {
        ca = EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), dir, CA_NAME, CLOCK, new SecureRandom());
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void aKeyOfTheProfilesSpecGetsACertificateForExactlyThatKey(KeySpec spec) throws Exception {
        KeyPair device = keyPair(spec);
        X509Certificate leaf = ca.issue(new IssueRequest(csr(device, spec), "HM-F4-000042", UID, profile(spec))).leaf();
        assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(device.getPublic().getEncoded());
        leaf.verify(ca.caChain().get(0).getPublicKey());
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void aKeyOfAnotherSpecIsRejected(KeySpec spec) throws Exception {
        KeySpec other = spec == KeySpec.RSA_3072 ? KeySpec.RSA_2048 : KeySpec.values()[(spec.ordinal() + 1) % 5];
        byte[] csr = csr(keyPair(other), other);
        assertThatThrownBy(() -> ca.issue(new IssueRequest(csr, "HM-F4-000042", UID, profile(spec))))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
                    assertThat(e.getMessage()).contains("not the " + spec + " key");
                });
    }

    private static ProductProfile profile(KeySpec spec) {
        return new ProductProfile("f4-" + spec, "STM32F4", spec, KeyCustody.ON_DEVICE, LockLevel.READOUT_PROTECTED,
                "HM-F4-", "Acme Devices", Duration.ofDays(365));
    }

    private static KeyPair keyPair(KeySpec spec) throws Exception {
        return switch (spec) {
            case EC_P256, EC_P384 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(spec.curveOrSize()));
                yield generator.generateKeyPair();
            }
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            case RSA_2048, RSA_3072 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(Integer.parseInt(spec.curveOrSize()));
                yield generator.generateKeyPair();
            }
        };
    }

    private static byte[] csr(KeyPair key, KeySpec spec) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=HM-F4-000042"), key.getPublic())
                .build(new JcaContentSignerBuilder(spec.signatureAlgorithm()).build(key.getPrivate())).getEncoded();
    }
}
