package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.testkit.fake.MutableClock;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation: recorded durably, once, only for certificates this CA issued, and carried into the CRL. */
class EmbeddedCaRevocationTest {

    @TempDir
    Path dir;

    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
    final MutableClock clock = new MutableClock(NOW);
    EmbeddedCa ca;

    @BeforeEach
    void initialize() throws ProvisioningException {
        ca = EmbeddedCa.initialize(keys, dir, CA_NAME, clock, new SecureRandom());
    }

    @Test
    void aRevocationIsRecordedWithTimeSerialAndReason() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        clock.advance(Duration.ofHours(2));

        ca.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);

        List<String> lines = Files.readAllLines(dir.resolve("revoked.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("# hallmark embedded CA, revoked certificates");
        assertThat(lines.get(1).split("\t", -1)).containsExactly(NOW.plus(Duration.ofHours(2)).toString(),
                IssuedRecord.serialHex(leaf.getSerialNumber()), "5", "CESSATION_OF_OPERATION");
    }

    @Test
    void theCrlListsTheRevokedCertificateWithItsDateAndReason() throws Exception {
        X509Certificate revoked = CaFixture.issue(ca, "HM-F4-000001");
        X509Certificate kept = CaFixture.issue(ca, "HM-F4-000002");
        clock.advance(Duration.ofMinutes(5));
        ca.revoke(revoked, RevocationReason.KEY_COMPROMISE);

        X509CRL crl = ca.crl();

        assertThat(crl.isRevoked(revoked)).isTrue();
        assertThat(crl.isRevoked(kept)).isFalse();
        X509CRLEntry entry = crl.getRevokedCertificate(revoked);
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
    }

    @Test
    void revokingTwiceIsNoErrorAndKeepsTheFirstTimeAndReason() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        ca.revoke(leaf, RevocationReason.SUPERSEDED);
        clock.advance(Duration.ofDays(1));

        ca.revoke(leaf, RevocationReason.KEY_COMPROMISE);

        assertThat(records()).hasSize(1);
        X509CRLEntry entry = ca.crl().getRevokedCertificate(leaf);
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(NOW);
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
    }

    @Test
    void revocationsSurviveARestartAndARevocationAfterItIsStillNoError() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        ca.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);

        EmbeddedCa restarted = EmbeddedCa.open(keys, dir, clock, new SecureRandom());
        restarted.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);

        assertThat(records()).hasSize(1);
        X509CRLEntry entry = restarted.crl().getRevokedCertificate(leaf);
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.CESSATION_OF_OPERATION);
    }

    @Test
    void aCertificateIssuedBeforeARestartCanBeRevokedAfterIt() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");

        EmbeddedCa restarted = EmbeddedCa.open(keys, dir, clock, new SecureRandom());
        restarted.revoke(leaf, RevocationReason.SUPERSEDED);

        assertThat(restarted.crl().isRevoked(leaf)).isTrue();
    }

    @Test
    void aCertificateOfAnotherCaWithTheSameNamesIsRefused(@TempDir Path otherDir) throws Exception {
        EmbeddedCa other = EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), otherDir, CA_NAME, CLOCK,
                new SecureRandom());
        X509Certificate foreign = CaFixture.issue(other, "HM-F4-000001");

        expectRejection(foreign).hasMessageContaining("was not issued by this CA");
        assertThat(dir.resolve("revoked.log")).doesNotExist();
    }

    @Test
    void theCasOwnCertificatesAreNotItsToRevoke() {
        expectRejection(ca.caChain().get(0)).hasMessageContaining("was not issued by this CA");
        expectRejection(ca.caChain().get(1)).hasMessageContaining("was not issued by this CA");
    }

    @Test
    void aCertificateSignedWithTheCaKeyButNeverRecordedIsRefused() throws Exception {
        X509Certificate unrecorded = signedOutsideTheCa(BigInteger.valueOf(4242), "CN=made elsewhere");

        expectRejection(unrecorded).hasMessageContaining("is not in the CA's issued.log");
    }

    @Test
    void aDifferentCertificateUnderARecordedSerialIsRefused() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        X509Certificate twin = signedOutsideTheCa(leaf.getSerialNumber(), "CN=HM-F4-000001");

        expectRejection(twin).hasMessageContaining("is not in the CA's issued.log");
        assertThat(ca.crl().isRevoked(leaf)).isFalse();
    }

    @Test
    void anUnwritableRevocationLogFailsTheRevocation() throws Exception {
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        Files.createDirectory(dir.resolve("revoked.log"));

        assertThatThrownBy(() -> ca.revoke(leaf, RevocationReason.SUPERSEDED))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_UNUSABLE))
                .hasMessageContaining("revoked.log");
    }

    @Test
    void aDamagedRevocationLogStopsTheCaFromOpening() throws Exception {
        ca.revoke(CaFixture.issue(ca, "HM-F4-000001"), RevocationReason.SUPERSEDED);
        Files.writeString(dir.resolve("revoked.log"), NOW + "\t0A\t7\tREMOVE_FROM_CRL\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> EmbeddedCa.open(keys, dir, CLOCK, new SecureRandom()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("revoked.log is damaged: line 3");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> expectRejection(X509Certificate certificate) {
        return assertThatThrownBy(() -> ca.revoke(certificate, RevocationReason.SUPERSEDED))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED));
    }

    /** A certificate signed with the issuing CA's key in the token, but not through the CA, so never recorded. */
    private X509Certificate signedOutsideTheCa(BigInteger serial, String subject) throws Exception {
        X509Certificate issuing = ca.caChain().get(0);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()), serial,
                Date.from(NOW), Date.from(NOW.plus(Duration.ofDays(1))), new X500Name(subject),
                SubjectPublicKeyInfo.getInstance(CaFixture.deviceKey().getPublic().getEncoded()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new TokenContentSigner(keys, keys.find(EmbeddedCa.ISSUING_KEY_ALIAS).orElseThrow())));
        certificate.verify(issuing.getPublicKey());
        return certificate;
    }

    private List<String> records() throws Exception {
        return Files.readAllLines(dir.resolve("revoked.log")).stream().filter(line -> !line.startsWith("#")).toList();
    }
}
