package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static dev.hallmark.ca.embedded.CaFixture.UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validity options: durations from the configuration, and no well-defined expiry for the chain and its leaves. */
class EmbeddedCaValidityTest {

    private static final Instant NINES = Instant.parse("9999-12-31T23:59:59Z");
    private static final EmbeddedCaConfig NO_EXPIRY =
            EmbeddedCaConfig.defaults().withLeafValidity("f4-sensor", LeafValidity.noWellDefinedExpiry());

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());

    @Test
    void aConfiguredDurationOverridesTheProfilesValidity() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom(),
                EmbeddedCaConfig.defaults().withLeafValidity("f4-sensor", LeafValidity.of(Duration.ofDays(30))));

        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");

        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(ca.caChain().get(0).getNotAfter().toInstant())
                .isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
    }

    @Test
    void aConfigurationGivenToOpenAppliesToTheCertificatesItIssues() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        EmbeddedCa ca = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom(),
                EmbeddedCaConfig.defaults().withLeafValidity("f4-sensor", LeafValidity.of(Duration.ofDays(2))));

        assertThat(CaFixture.issue(ca, "HM-F4-000001").getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(ca.config().leafValidity(CaFixture.PROFILE)).isEqualTo(LeafValidity.of(Duration.ofDays(2)));
    }

    @Test
    void aCaForProfilesWithoutExpiryHasNoExpiryItselfEncodedAsGeneralizedTime() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom(), NO_EXPIRY);

        for (X509Certificate caCertificate : ca.caChain()) {
            assertThat(caCertificate.getNotAfter().toInstant()).isEqualTo(NINES);
            assertNotAfterIsTheNinesInGeneralizedTime(caCertificate);
            assertThat(caCertificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        }
    }

    @Test
    void aLeafWithoutExpiryCarries99991231235959ZAndValidatesFarInTheFuture() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom(), NO_EXPIRY);

        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");

        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NINES);
        assertNotAfterIsTheNinesInGeneralizedTime(leaf);
        ASN1Primitive notBefore = Certificate.getInstance(leaf.getEncoded()).getStartDate().toASN1Primitive();
        assertThat(notBefore).as("a 2026 notBefore stays UTCTime").isInstanceOf(ASN1UTCTime.class);
        X509Certificate issuing = ca.caChain().get(0);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.caChain().get(1), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(Instant.parse("2400-01-01T00:00:00Z")));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuing)), params);
    }

    @Test
    void otherProfilesOfANoExpiryCaKeepTheirDurations() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom(), NO_EXPIRY);
        IssueRequest request = new IssueRequest(CaFixture.csr(CaFixture.deviceKey()), "HM-F4-000002", UID,
                CaFixture.profile("f4-gateway", Duration.ofDays(365)));

        assertThat(ca.issue(request).leaf().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void aFiniteCaRefusesToOpenForProfilesWithoutExpiry() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());

        assertThatThrownBy(() -> EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom(), NO_EXPIRY))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("[f4-sensor]")
                .hasMessageContaining("without well-defined expiry");
        assertThat(EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom())).isNotNull();
    }

    @Test
    void aNoExpiryCaOpensAgainAndStillIssuesWithoutExpiry() throws Exception {
        EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom(), NO_EXPIRY);

        EmbeddedCa reopened = EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom(), NO_EXPIRY);

        assertThat(CaFixture.issue(reopened, "HM-F4-000003").getNotAfter().toInstant()).isEqualTo(NINES);
    }

    @Test
    void theLeafProfileRefusesALeafWithoutExpiryUnderAFiniteIssuingCa() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        LeafProfile profile = new LeafProfile(new CertificateSigning(keys, new SecureRandom()), CLOCK);
        SubjectPublicKeyInfo deviceKey = SubjectPublicKeyInfo.getInstance(CaFixture.deviceKey().getPublic().getEncoded());

        assertThatThrownBy(() -> profile.issue(deviceKey, CaFixture.request(new byte[0], "HM-F4-000004"),
                LeafValidity.noWellDefinedExpiry(), BigInteger.TEN, ca.caChain().get(0),
                keys.find(EmbeddedCa.ISSUING_KEY_ALIAS).orElseThrow()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED))
                .hasMessageContaining("needs an issuing CA without one");
    }

    @Test
    void aDurationReachingPast9999IsARejectedRequest() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom(),
                NO_EXPIRY.withLeafValidity("f4-gateway", LeafValidity.of(Duration.ofDays(3_000_000))));
        IssueRequest request = new IssueRequest(CaFixture.csr(CaFixture.deviceKey()), "HM-F4-000005", UID,
                CaFixture.profile("f4-gateway", Duration.ofDays(1)));

        assertThatThrownBy(() -> ca.issue(request))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED))
                .hasMessageContaining("reaches past 9999-12-31");
    }

    private static void assertNotAfterIsTheNinesInGeneralizedTime(X509Certificate certificate) throws Exception {
        ASN1Primitive notAfter = Certificate.getInstance(certificate.getEncoded()).getEndDate().toASN1Primitive();
        assertThat(notAfter).isInstanceOf(ASN1GeneralizedTime.class);
        assertThat(((ASN1GeneralizedTime) notAfter).getTimeString()).isEqualTo("99991231235959Z");
    }
}
