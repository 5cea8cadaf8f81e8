package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRL: signed by the issuing CA key in the token, numbered, current for the configured time, published atomically. */
class EmbeddedCaCrlTest {

    private static final String CRL_NUMBER = "2.5.29.20";
    private static final String AKI = "2.5.29.35";
    private static final String REASON_CODE = "2.5.29.21";

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
    EmbeddedCa ca;
    X509Certificate issuing;

    @BeforeEach
    void initialize() throws ProvisioningException {
        ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        issuing = ca.caChain().get(0);
    }

    @Test
    void aFreshCasCrlIsAnEmptyV2CrlOfTheIssuingCaCurrentForAWeek() throws Exception {
        X509CRL crl = ca.crl();

        crl.verify(issuing.getPublicKey());
        assertThat(crl.getVersion()).isEqualTo(2);
        assertThat(crl.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
        assertThat(crl.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(number(crl)).isEqualTo(1);
        byte[] aki = ASN1OctetString.getInstance(crl.getExtensionValue(AKI)).getOctets();
        assertThat(AuthorityKeyIdentifier.getInstance(aki).getKeyIdentifierOctets()).isEqualTo(CaFixture.subjectKeyId(issuing));
        assertThat(crl.getCriticalExtensionOIDs()).isNullOrEmpty();
    }

    @Test
    void theCrlIsNotSignedByTheRoot() throws Exception {
        X509CRL crl = ca.crl();

        assertThatThrownBy(() -> crl.verify(ca.caChain().get(1).getPublicKey()))
                .isInstanceOf(java.security.SignatureException.class);
    }

    @Test
    void nextUpdateFollowsTheConfiguredCrlValidity(@TempDir Path otherDir) throws Exception {
        EmbeddedCa daily = EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), otherDir, CA_NAME, CLOCK,
                new SecureRandom(), EmbeddedCaConfig.defaults().withCrlValidity(Duration.ofHours(25)));

        assertThat(daily.crl().getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(25)));
    }

    @Test
    void crlNumbersGrowWithEachCrlAndAcrossRestarts() throws Exception {
        assertThat(number(ca.crl())).isEqualTo(1);
        assertThat(number(ca.crl())).isEqualTo(2);

        EmbeddedCa restarted = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom());

        assertThat(number(restarted.crl())).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("crlnumber")).strip()).isEqualTo("3");
    }

    @Test
    void aLostCrlNumberFileDoesNotTakeTheNumberBelowThePublishedCrl() throws Exception {
        ca.crl();
        ca.crl();
        ca.writeCrl();
        Files.delete(dir.resolve("crlnumber"));

        assertThat(number(ca.crl())).isEqualTo(4);
    }

    @Test
    void aDamagedCrlNumberFileIsReportedNotGuessed() throws Exception {
        Files.writeString(dir.resolve("crlnumber"), "twelve\n");

        assertThatThrownBy(() -> ca.crl())
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("crlnumber is damaged");
    }

    @Test
    void unspecifiedRevocationsCarryNoReasonCodeAndOthersTheirOwn() throws Exception {
        X509Certificate unspecified = CaFixture.issue(ca, "HM-F4-000001");
        X509Certificate superseded = CaFixture.issue(ca, "HM-F4-000002");
        ca.revoke(unspecified, RevocationReason.UNSPECIFIED);
        ca.revoke(superseded, RevocationReason.SUPERSEDED);

        X509CRL crl = ca.crl();

        assertThat(crl.getRevokedCertificates()).hasSize(2);
        assertThat(crl.getRevokedCertificate(unspecified).getExtensionValue(REASON_CODE)).isNull();
        assertThat(crl.getRevokedCertificate(superseded).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.SUPERSEDED);
    }

    @Test
    void writeCrlPublishesTheDerCrlAsIssuingCrl() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        ca.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);

        Path written = ca.writeCrl();

        assertThat(written).isEqualTo(dir.resolve("issuing.crl"));
        X509CRL published = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(Files.readAllBytes(written)));
        published.verify(issuing.getPublicKey());
        assertThat(published.isRevoked(leaf)).isTrue();
        assertThat(number(published)).isEqualTo(1);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aRevocationByAnotherCaObjectOnTheSameDirectoryReachesThisOnesCrl() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        EmbeddedCa other = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom());
        assertThat(number(ca.crl())).isEqualTo(1);

        other.revoke(leaf, RevocationReason.KEY_COMPROMISE);
        assertThat(number(other.crl())).isEqualTo(2);

        X509CRL crl = ca.crl();
        assertThat(crl.isRevoked(leaf)).isTrue();
        assertThat(number(crl)).isEqualTo(3);
    }

    @Test
    void aTokenFailureLeavesThePublishedCrlAndSkipsANumber() throws Exception {
        ca.writeCrl();
        byte[] before = Files.readAllBytes(dir.resolve("issuing.crl"));
        keys.failNextSign(ErrorCode.HSM_OPERATION_FAILED);

        assertThatThrownBy(() -> ca.writeCrl())
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED));

        assertThat(Files.readAllBytes(dir.resolve("issuing.crl"))).isEqualTo(before);
        assertThat(number(ca.crl())).isEqualTo(3);
    }

    @Test
    void aTokenSignatureThatDoesNotVerifyIsNeverPublished() throws Exception {
        keys.corruptNextSign();

        assertThatThrownBy(() -> ca.writeCrl())
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED))
                .hasMessageContaining("'hallmark-issuing-ca'");
        assertThat(dir.resolve("issuing.crl")).doesNotExist();
    }

    static int number(X509CRL crl) {
        byte[] value = crl.getExtensionValue(CRL_NUMBER);
        BigInteger number = ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
        return number.intValueExact();
    }
}
