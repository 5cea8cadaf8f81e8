package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static dev.hallmark.ca.embedded.CaFixture.UID;
import static dev.hallmark.ca.embedded.CaFixture.UID_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedCaIssueTest {

    private static final String SERIAL = "HM-F4-000042";

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
    EmbeddedCa ca;
    X509Certificate issuing;
    X509Certificate root;

    @BeforeEach
    void initialize() throws ProvisioningException {
        ca = EmbeddedCa.initialize(keys, dir, CA_NAME, CLOCK, new SecureRandom());
        issuing = ca.caChain().get(0);
        root = ca.caChain().get(1);
    }

    @Test
    void theLeafVerifiesAgainstTheIssuingCaAndTheChainValidatesToTheRoot() throws Exception {
        IssuedCertificate issued = ca.issue(CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), SERIAL));

        issued.leaf().verify(issuing.getPublicKey());
        assertThat(issued.chain()).containsExactly(issuing, root);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(issued.leaf(), issuing)), params);
    }

    @Test
    void theLeafCarriesTheUnitSubjectAndTheDeviceKey() throws Exception {
        KeyPair device = CaFixture.deviceKey();
        X509Certificate leaf = ca.issue(CaFixture.request(CaFixture.csr(device), SERIAL)).leaf();

        assertThat(leaf.getSubjectX500Principal().toString())
                .isEqualTo("CN=HM-F4-000042, SERIALNUMBER=HM-F4-000042, O=Acme Devices");
        X500Principal asTheEngineBuildsIt = new X500Principal(new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Acme Devices").addRDN(BCStyle.SERIALNUMBER, SERIAL).addRDN(BCStyle.CN, SERIAL)
                .build().getEncoded());
        assertThat(leaf.getSubjectX500Principal()).isEqualTo(asTheEngineBuildsIt);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
        assertThat(leaf.getPublicKey()).isEqualTo(device.getPublic());
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void theLeafCarriesTheProfileExtensionsAndValidity() throws Exception {
        X509Certificate leaf = ca.issue(CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), SERIAL)).leaf();

        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, UID_URI));
        boolean[] usage = leaf.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        for (int bit = 1; bit < usage.length; bit++) {
            assertThat(usage[bit]).as("key usage bit %d", bit).isFalse();
        }
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtensionValue("2.5.29.19")).as("basicConstraints present").isNotNull();
        assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.19");
        assertThat(CaFixture.subjectKeyId(leaf)).isNotEmpty();
        assertThat(CaFixture.authorityKeyId(leaf)).isEqualTo(CaFixture.subjectKeyId(issuing));
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(CaFixture.PROFILE.validity()));
        assertThat(leaf.getVersion()).isEqualTo(3);
    }

    @Test
    void subjectAndSanComeFromTheRequestNotFromTheCsr() throws Exception {
        KeyPair device = CaFixture.deviceKey();
        byte[] csr = CaFixture.csr(device, device, "CN=admin, O=Someone Else", "urn:hallmark:uid:stm32f4:ffffffff");

        X509Certificate leaf = ca.issue(new IssueRequest(csr, SERIAL, UID, CaFixture.PROFILE)).leaf();

        assertThat(leaf.getSubjectX500Principal().toString()).startsWith("CN=HM-F4-000042,");
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, UID_URI));
    }

    @Test
    void serialsAreUniquePositiveAndFitRfc5280OverTwoHundredIssues() throws Exception {
        byte[] csr = CaFixture.csr(CaFixture.deviceKey());
        Set<BigInteger> serials = new HashSet<>(Set.of(issuing.getSerialNumber(), root.getSerialNumber()));

        for (int i = 0; i < 200; i++) {
            BigInteger serial = ca.issue(CaFixture.request(csr, String.format("HM-F4-%06d", i))).leaf().getSerialNumber();
            assertThat(serial.signum()).isEqualTo(1);
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
            assertThat(serials.add(serial)).as("serial %s is new", serial.toString(16)).isTrue();
        }
        assertThat(serials).hasSize(202);
        assertThat(serials.stream().mapToInt(BigInteger::bitLength).max().orElseThrow()).isGreaterThan(120);
    }

    @Test
    void aCsrWithABrokenSignatureIsRejected() throws Exception {
        byte[] broken = CaFixture.flipLastByte(CaFixture.csr(CaFixture.deviceKey()));

        expectRejection(CaFixture.request(broken, SERIAL)).hasMessageContaining("signature does not verify");
    }

    @Test
    void aCsrSignedByAnotherKeyIsRejected() throws Exception {
        byte[] csr = CaFixture.csr(CaFixture.deviceKey(), CaFixture.deviceKey(), "CN=x", UID_URI);

        expectRejection(CaFixture.request(csr, SERIAL)).hasMessageContaining("signature does not verify");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 40, -1})
    void aMalformedCsrIsRejected(int length) throws Exception {
        byte[] csr = CaFixture.csr(CaFixture.deviceKey());
        byte[] malformed = length < 0 ? "not a certificate request".getBytes() : java.util.Arrays.copyOf(csr, length);

        expectRejection(CaFixture.request(malformed, SERIAL));
    }

    @Test
    void aKeyOtherThanTheProfilesIsRejected() throws Exception {
        expectRejection(CaFixture.request(CaFixture.csr(CaFixture.deviceKey("secp384r1")), SERIAL))
                .hasMessageContaining("EC_P256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "HM_F4*000042", "HM-F4-ä", "0123456789012345678901234567890123456789012345678901234567890123X"})
    void aSerialThatCannotBeASubjectIsRejected(String serial) throws Exception {
        expectRejection(CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), serial));
    }

    @Test
    void aValidityBeyondTheIssuingCaIsRejected() throws Exception {
        IssueRequest request = new IssueRequest(CaFixture.csr(CaFixture.deviceKey()), SERIAL, UID,
                CaFixture.profile(Duration.ofDays(11 * 365)));

        expectRejection(request).hasMessageContaining("outlive the issuing CA");
    }

    @Test
    void anExpiredIssuingCaIssuesNothing() throws Exception {
        Clock later = Clock.fixed(NOW.atOffset(ZoneOffset.UTC).plusYears(11).toInstant(), ZoneOffset.UTC);
        EmbeddedCa expired = EmbeddedCa.open(keys, dir, later, new SecureRandom());

        assertThatThrownBy(() -> expired.issue(CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), SERIAL)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED))
                .hasMessageContaining("check the station clock");
    }

    @Test
    void aTokenSigningFailureSurfacesAsTheTokensOwnException() throws Exception {
        IssueRequest request = CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), SERIAL);
        keys.failNextSign(ErrorCode.HSM_PIN_LOCKED);

        assertThatThrownBy(() -> ca.issue(request))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_LOCKED);
                    assertThat(e.rawDetail()).isEqualTo("FAKE_INJECTED_FAULT");
                });
        assertThat(ca.issue(request).leaf()).isNotNull();
    }

    @Test
    void aTokenSignatureThatDoesNotVerifyNeverLeavesTheCa() throws Exception {
        IssueRequest request = CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), SERIAL);
        keys.corruptNextSign();

        assertThatThrownBy(() -> ca.issue(request))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED))
                .hasMessageContaining("'hallmark-issuing-ca'");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> expectRejection(IssueRequest request) {
        return assertThatThrownBy(() -> ca.issue(request))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED));
    }
}
