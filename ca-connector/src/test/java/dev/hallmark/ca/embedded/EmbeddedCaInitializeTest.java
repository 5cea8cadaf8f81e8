package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedCaInitializeTest {

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());

    private EmbeddedCa initialize() throws ProvisioningException {
        return EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
    }

    @Test
    void writesRootIssuingAndChainPemWithTheIssuingCaFirst() throws Exception {
        EmbeddedCa ca = initialize();

        X509Certificate issuing = ca.caChain().get(0);
        X509Certificate root = ca.caChain().get(1);
        assertThat(Pem.parseCertificates(Files.readAllBytes(dir.resolve("root.pem")))).containsExactly(root);
        assertThat(Pem.parseCertificates(Files.readAllBytes(dir.resolve("issuing.pem")))).containsExactly(issuing);
        assertThat(Pem.parseCertificates(Files.readAllBytes(dir.resolve("chain.pem")))).containsExactly(issuing, root);
        assertThat(EmbeddedCa.exists(dir)).isTrue();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("root.pem", "issuing.pem", "chain.pem");
        }
    }

    @Test
    void rootIsASelfSignedCaForTwentyYears() throws Exception {
        X509Certificate root = initialize().caChain().get(1);

        assertThat(root.getSubjectX500Principal().toString()).isEqualTo("CN=Line 7 Root CA, O=Hallmark");
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
        assertCaKeyUsage(root);
        assertThat(CaFixture.subjectKeyId(root)).isNotEmpty();
        assertThat(root.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(20).toInstant());
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void issuingCaIsSignedByTheRootWithPathLengthZeroForTenYears() throws Exception {
        EmbeddedCa ca = initialize();
        X509Certificate issuing = ca.caChain().get(0);
        X509Certificate root = ca.caChain().get(1);

        assertThat(issuing.getSubjectX500Principal().toString()).isEqualTo("CN=Line 7 Issuing CA, O=Hallmark");
        assertThat(issuing.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        issuing.verify(root.getPublicKey());
        assertThat(issuing.getBasicConstraints()).isZero();
        assertThat(issuing.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
        assertCaKeyUsage(issuing);
        assertThat(CaFixture.subjectKeyId(issuing)).isNotEmpty().isNotEqualTo(CaFixture.subjectKeyId(root));
        assertThat(CaFixture.authorityKeyId(issuing)).isEqualTo(CaFixture.subjectKeyId(root));
        assertThat(issuing.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
        assertThat(issuing.getSerialNumber()).isNotEqualTo(root.getSerialNumber());
    }

    @Test
    void caKeysAreNonExtractableTokenKeysWithTheirCertificatesAttached() throws Exception {
        EmbeddedCa ca = initialize();

        for (String alias : List.of(EmbeddedCa.ROOT_KEY_ALIAS, EmbeddedCa.ISSUING_KEY_ALIAS)) {
            KeyHandle key = keys.find(alias).orElseThrow();
            assertThat(key.policy()).isEqualTo(KeyPolicy.TOKEN_NON_EXTRACTABLE);
            assertThat(key.spec()).isEqualTo(KeySpec.EC_P256);
        }
        assertThat(keys.certificate(EmbeddedCa.ISSUING_KEY_ALIAS)).contains(ca.caChain().get(0));
        assertThat(keys.certificate(EmbeddedCa.ROOT_KEY_ALIAS)).contains(ca.caChain().get(1));
        assertThat(Pem.samePublicKey(ca.caChain().get(0),
                keys.find(EmbeddedCa.ISSUING_KEY_ALIAS).orElseThrow().publicKey())).isTrue();
    }

    @Test
    void refusesToOverwriteAnExistingCa() throws Exception {
        initialize();
        byte[] rootBefore = Files.readAllBytes(dir.resolve("root.pem"));

        assertThatThrownBy(this::initialize)
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("already exists in " + dir);
        assertThat(Files.readAllBytes(dir.resolve("root.pem"))).isEqualTo(rootBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"issued.log", "revoked.log", "crlnumber", "issuing.crl", "ca.lock"})
    void refusesADirectoryHoldingTheRecordsOfAnEarlierCa(String leftover) throws Exception {
        Files.writeString(dir.resolve(leftover), "");

        assertThatThrownBy(this::initialize)
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("already exists in " + dir);
        assertThat(keys.aliases()).isEmpty();
    }

    @Test
    void refusesATokenThatAlreadyHoldsACaKey() throws Exception {
        KeyHandle existing = keys.generate(KeySpec.EC_P256, EmbeddedCa.ISSUING_KEY_ALIAS, KeyPolicy.TOKEN_NON_EXTRACTABLE);

        assertThatThrownBy(this::initialize)
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("'hallmark-issuing-ca'");
        assertThat(keys.find(EmbeddedCa.ISSUING_KEY_ALIAS)).contains(existing);
        assertThat(keys.aliases()).containsExactly(EmbeddedCa.ISSUING_KEY_ALIAS);
        assertThat(EmbeddedCa.exists(dir)).isFalse();
    }

    @Test
    void aTokenFailureLeavesNoKeysAndNoFilesSoInitializeCanBeRunAgain() throws Exception {
        keys.failNextSign(ErrorCode.HSM_OPERATION_FAILED);

        assertThatThrownBy(this::initialize)
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED));
        assertThat(keys.aliases()).isEmpty();
        assertThat(EmbeddedCa.exists(dir)).isFalse();

        assertThat(initialize().caChain()).hasSize(2);
    }

    @Test
    void anUnwritableDirectoryLeavesNoKeysBehind() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> EmbeddedCa.initialize(keys, notADirectory, CA_NAME, CLOCK, new SecureRandom()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_UNUSABLE));
        assertThat(keys.aliases()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " Line 7", "A CA name that is much too long to fit into a common name"})
    void refusesACaNameThatCannotBeACommonName(String caName) {
        assertThatThrownBy(() -> EmbeddedCa.initialize(keys, dir, caName, CLOCK, new SecureRandom()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
        assertThat(keys.aliases()).isEmpty();
    }

    private static void assertCaKeyUsage(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        assertThat(usage[5]).as("keyCertSign").isTrue();
        assertThat(usage[6]).as("cRLSign").isTrue();
        assertThat(usage[0]).as("digitalSignature").isFalse();
    }
}
