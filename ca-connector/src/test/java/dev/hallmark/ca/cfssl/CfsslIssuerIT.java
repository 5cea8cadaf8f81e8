package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.workflow.RetryPolicy;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CfsslIssuer} against a real {@code cfssl serve} (Debian's golang-cfssl, a 2016 build) on 127.0.0.1,
 * and what that cfssl really puts in a certificate.
 */
class CfsslIssuerIT {

    private static final Logger log = LoggerFactory.getLogger(CfsslIssuerIT.class);
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path dir;
    static CfsslServer server;
    static CfsslIssuer issuer;
    final KeyPair deviceKey = DeviceCsr.keyPair();

    @BeforeAll
    static void startCfssl() throws IOException, InterruptedException, ProvisioningException {
        CfsslServer.createCa(dir);
        server = CfsslServer.start(dir, false);
        issuer = CfsslIssuer.open(server.config(), CLOCK);
    }

    @AfterAll
    static void stopCfssl() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void issuesACertificateForTheDeviceKeyThatChainsToTheRootWithTheDeviceProfile() throws Exception {
        IssuedCertificate issued = issuer.issue(DeviceCsr.request(deviceKey, "T-000001"));
        X509Certificate leaf = issued.leaf();

        assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(deviceKey.getPublic().getEncoded());
        assertThat(issued.chain()).containsExactlyElementsOf(issuer.caChain());
        validate(leaf, issuer.caChain());
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofHours(8760));
        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        assertThat(value(subject, BCStyle.CN)).isEqualTo("T-000001");
        assertThat(value(subject, BCStyle.SERIALNUMBER)).isEqualTo("T-000001");
        assertThat(value(subject, BCStyle.O)).isEqualTo("Hallmark Test Devices");
    }

    /** The facts behind the engine's rejection: Go orders the RDNs its own way, and a URI host becomes a dNSName. */
    @Test
    void cfssl2016ReordersTheSubjectAndMakesTheUidUriADnsName() throws Exception {
        // the engine's subject check is X500Principal.equals (DER, order matters); BC's X500Name.equals ignores order
        X509Certificate leaf = issuer.issue(DeviceCsr.request(deviceKey, "T-000002")).leaf();

        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        assertThat(Arrays.stream(subject.getRDNs()).map(rdn -> rdn.getFirst().getType()))
                .as("cfssl (Go) writes O, CN, serialNumber; the CSR and the engine have O, serialNumber, CN")
                .containsExactly(BCStyle.O, BCStyle.CN, BCStyle.SERIALNUMBER);
        assertThat(leaf.getSubjectX500Principal()).as("compared as the engine compares, DER and RDN order")
                .isNotEqualTo(new X500Principal(DeviceCsr.engineSubject("T-000002").getEncoded()));
        String uri = DeviceCsr.PROFILE.uidUri(DeviceCsr.UID);
        assertThat(leaf.getSubjectAlternativeNames()).as("the CSR's URI SAN is dropped, the host is a dNSName (2)")
                .containsExactly(List.of(2, uri));
    }

    @Test
    void theEngineRejectsWhatCfssl2016IssuesAndAcceptsTheSameUnitFromAConformingCa() throws ProvisioningException {
        UnitOutcome fromCfssl = provisionOneUnit(issuer);
        UnitOutcome fromFake = provisionOneUnit(new FakeIssuer(CLOCK));

        assertThat(fromFake.passed()).as("control: " + fromFake).isTrue();
        assertThat(fromCfssl.passed()).isFalse();
        assertThat(fromCfssl.failedStep()).isEqualTo(Step.ISSUE);
        assertThat(fromCfssl.error()).isEqualTo(ErrorCode.CA_CERTIFICATE_INVALID);
        // the engine accepts cfssl's reordered subject (same attributes) but not the missing URI SAN
        assertThat(fromCfssl.cause()).doesNotContain("subject")
                .containsPattern("the certificate lacks the URI SAN urn:hallmark:uid:stm32f4:[0-9a-f]+; rejected certificate");
    }

    @Test
    void aWrongHmacKeyIsAnAuthenticationFailure() throws IOException, ProvisioningException {
        Path wrongKey = Files.writeString(dir.resolve("wrong.key"), "ff".repeat(32));
        Files.setPosixFilePermissions(wrongKey, PosixFilePermissions.fromString("rw-------"));
        CfsslIssuer wrong = CfsslIssuer.open(server.config(CfsslServer.PROFILE, wrongKey), CLOCK);

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> wrong.issue(DeviceCsr.request(deviceKey, "T-000003")));

        assertThat(e.code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
        assertThat(e.getMessage()).contains(server.baseUrl().toString());
        assertThat(e.rawDetail()).isEqualTo("HTTP 400, cfssl 400: invalid token");
    }

    /** The trap: cfssl signs an unknown profile name with its default profile and says nothing. */
    @Test
    void anUnknownProfileIsSignedSilentlyWithTheDefaultProfileWhichTheEnginesChecksTellApart() throws Exception {
        CfsslIssuer misnamed = CfsslIssuer.open(server.config("devcie", server.file("station.key")), CLOCK);

        X509Certificate leaf = misnamed.issue(DeviceCsr.request(deviceKey, "T-000004")).leaf();

        assertThat(leaf.getExtendedKeyUsage()).as("server auth from the default profile, no client auth")
                .contains(SERVER_AUTH).doesNotContain(CLIENT_AUTH);
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .as("the default profile's 2 h, not the device profile's 365 days").isEqualTo(Duration.ofHours(2));
    }

    @Test
    void withoutAnHmacKeyTheUnauthenticatedSignEndpointIsNotThereWhenEveryProfileIsProtected() throws Exception {
        CfsslIssuer unauthenticated = CfsslIssuer.open(server.config(CfsslServer.PROFILE, null), CLOCK);

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> unauthenticated.issue(DeviceCsr.request(deviceKey, "T-000005")));

        assertThat(e.code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        assertThat(e.rawDetail()).startsWith("HTTP 404");
    }

    @Test
    void overTlsTheCaIsReachedThroughThePinnedCaAndRefusedWithAnyOtherPin() throws Exception {
        Path foreignPin = Files.writeString(dir.resolve("foreign.pem"),
                dev.hallmark.engine.crypto.Pem.certificate(new FakeIssuer(CLOCK).caChain().get(1)));
        try (CfsslServer tls = CfsslServer.start(dir, true)) {
            CfsslConfig pinned = tls.config();
            CfsslConfig wrongPin = new CfsslConfig(pinned.baseUrl(), pinned.profile(), pinned.hmacKeyFile(), foreignPin,
                    pinned.connectTimeout(), pinned.requestTimeout(), pinned.caChainFile());

            X509Certificate leaf = CfsslIssuer.open(pinned, CLOCK).issue(DeviceCsr.request(deviceKey, "T-000006")).leaf();
            ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                    () -> CfsslIssuer.open(wrongPin, CLOCK).issue(DeviceCsr.request(deviceKey, "T-000007")));

            assertThat(leaf.getPublicKey()).isEqualTo(deviceKey.getPublic());
            assertThat(e.code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).contains("TLS", tls.baseUrl().toString());
        }
    }

    @Test
    void aCfsslThatHasStoppedIsUnavailable() throws Exception {
        try (CfsslServer stopped = CfsslServer.start(dir, false)) {
            CfsslIssuer toStopped = CfsslIssuer.open(stopped.config(), CLOCK);
            toStopped.issue(DeviceCsr.request(deviceKey, "T-000008"));
            stopped.stop();

            ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                    () -> toStopped.issue(DeviceCsr.request(deviceKey, "T-000009")));

            assertThat(stopped.alive()).isFalse();
            assertThat(e.code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("the cfssl CA at " + stopped.baseUrl() + " could not be reached");
        }
    }

    /** A measurement for the log, not an assertion on speed. */
    @Test
    void theBenchmarkHookIssuesAgainstCfssl() throws InterruptedException {
        IssueRequest request = DeviceCsr.request(deviceKey, "T-BENCH");
        for (int threads : new int[] {1, 4}) {
            IssuerBenchmark.Result result = IssuerBenchmark.run(issuer, () -> request, 200, threads);

            assertThat(result.issued()).as(String.valueOf(result.failures())).isEqualTo(200);
            log.info("cfssl: {} certificates with {} thread(s) in {} ms: {} certificates/s", result.issued(), threads,
                    result.elapsed().toMillis(), String.format("%.0f", result.certificatesPerSecond()));
        }
    }

    private static UnitOutcome provisionOneUnit(CertificateIssuer ca) throws ProvisioningException {
        Fixture fixture = new Fixture("A", "/dev/fake-a");
        FakeBench bench = new FakeBench().put(fixture, FakeDevice.random("STM32F4", new java.util.Random()));
        StationParts parts = new StationParts("it", bench, new SoftwareKeyStore(new SecureRandom()), new FakeKeyWrapper(),
                ca, new InMemoryAuditStore(), CLOCK);
        return new UnitWorkflow(parts, DeviceCsr.PROFILE, "LOT-IT", UnitListener.none(), RetryPolicy.never()).run(fixture);
    }

    private static void validate(X509Certificate leaf, List<X509Certificate> chain) throws GeneralSecurityException {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain.get(chain.size() - 1), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, chain.get(0))), params);
    }

    private static String value(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        assertThat(rdns).as(type.getId()).hasSize(1);
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
