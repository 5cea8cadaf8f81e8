package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outside check: OpenSSL, not Java, judges the embedded CA's chain, leaves and CRL. */
class EmbeddedCaOpensslTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    /** An hour after the fixed clock's now: every certificate and the CRL are current then. */
    private static final String AT = Long.toString(NOW.plus(Duration.ofHours(1)).getEpochSecond());

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenssl() {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed at " + OPENSSL);
    }

    @Test
    void opensslVerifiesTheLeafAsAClientCertificateUnderTheRoot() throws Exception {
        EmbeddedCa ca = newCa("ca", EmbeddedCaConfig.defaults());
        Path leafPem = write("leaf.pem", CaFixture.issue(ca, "HM-F4-000042"));

        Result result = verify(dir.resolve("ca"), leafPem);

        assertThat(result.output()).contains(leafPem + ": OK");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void opensslRefusesALeafFromAnotherCa() throws Exception {
        newCa("ca", EmbeddedCaConfig.defaults());
        EmbeddedCa other = newCa("other", EmbeddedCaConfig.defaults());
        Path leafPem = write("leaf.pem", CaFixture.issue(other, "HM-F4-1"));

        Result result = verify(dir.resolve("ca"), leafPem);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).doesNotContain(": OK");
    }

    @Test
    void opensslVerifiesALeafWithoutExpiryAndReadsItsEndAs9999() throws Exception {
        EmbeddedCa ca = newCa("ca", EmbeddedCaConfig.defaults()
                .withLeafValidity("f4-sensor", LeafValidity.noWellDefinedExpiry()));
        Path leafPem = write("leaf.pem", CaFixture.issue(ca, "HM-F4-000042"));

        Result verified = verify(dir.resolve("ca"), leafPem);
        Result end = openssl("x509", "-in", leafPem.toString(), "-noout", "-enddate");

        assertThat(verified.output()).contains(leafPem + ": OK");
        assertThat(verified.exitCode()).isZero();
        assertThat(end.output().strip()).isEqualTo("notAfter=Dec 31 23:59:59 9999 GMT");
    }

    @Test
    void opensslVerifiesTheCrlSignatureWithTheChain() throws Exception {
        EmbeddedCa ca = newCa("ca", EmbeddedCaConfig.defaults());
        ca.revoke(CaFixture.issue(ca, "HM-F4-000001"), RevocationReason.CESSATION_OF_OPERATION);
        Path crl = ca.writeCrl();

        Result result = openssl("crl", "-inform", "DER", "-in", crl.toString(),
                "-CAfile", dir.resolve("ca/chain.pem").toString(), "-noout");

        assertThat(result.output()).contains("verify OK");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void opensslRefusesTheCrlWithAnotherCasChain() throws Exception {
        EmbeddedCa ca = newCa("ca", EmbeddedCaConfig.defaults());
        newCa("other", EmbeddedCaConfig.defaults());
        Path crl = ca.writeCrl();

        Result result = openssl("crl", "-inform", "DER", "-in", crl.toString(),
                "-CAfile", dir.resolve("other/chain.pem").toString(), "-noout");

        assertThat(result.output()).doesNotContain("verify OK").contains("verify fail");
    }

    @Test
    void opensslReadsTheCrlsNumberIssuerKeyIdEntriesAndReasons() throws Exception {
        EmbeddedCa ca = newCa("ca", EmbeddedCaConfig.defaults());
        X509Certificate leaf = CaFixture.issue(ca, "HM-F4-000001");
        ca.revoke(leaf, RevocationReason.KEY_COMPROMISE);
        ca.crl();
        Path crl = ca.writeCrl();

        Result result = openssl("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output().replaceAll("\\s+", " "))
                .contains("Version 2 (0x1)")
                .contains("Issuer: O = Hallmark, CN = Line 7 Issuing CA")
                .contains("Last Update: Mar 2 08:00:00 2026 GMT")
                .contains("Next Update: Mar 9 08:00:00 2026 GMT")
                .contains("X509v3 CRL Number: 2")
                .contains("X509v3 Authority Key Identifier:")
                .contains("Serial Number: " + IssuedRecord.serialHex(leaf.getSerialNumber()))
                .contains("X509v3 CRL Reason Code: Key Compromise");
    }

    @Test
    void opensslCrlCheckRejectsTheRevokedLeafAndAcceptsTheOthers() throws Exception {
        EmbeddedCa ca = newCa("ca", EmbeddedCaConfig.defaults());
        Path revoked = write("revoked.pem", CaFixture.issue(ca, "HM-F4-000001"));
        Path kept = write("kept.pem", CaFixture.issue(ca, "HM-F4-000002"));
        ca.revoke(Pem.parseCertificates(Files.readAllBytes(revoked)).get(0), RevocationReason.SUPERSEDED);
        Path crlPem = Files.writeString(dir.resolve("crl.pem"),
                Pem.encode("X509 CRL", Files.readAllBytes(ca.writeCrl())), StandardCharsets.US_ASCII);

        Result refused = verifyWithCrl(dir.resolve("ca"), crlPem, revoked);
        Result accepted = verifyWithCrl(dir.resolve("ca"), crlPem, kept);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked").doesNotContain(": OK");
        assertThat(accepted.output()).contains(kept + ": OK");
        assertThat(accepted.exitCode()).isZero();
    }

    private EmbeddedCa newCa(String name, EmbeddedCaConfig config) throws Exception {
        return EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), dir.resolve(name), CA_NAME, CLOCK,
                new SecureRandom(), config);
    }

    private Path write(String name, X509Certificate certificate) throws IOException {
        return Files.writeString(dir.resolve(name), Pem.certificate(certificate));
    }

    private static Result verify(Path caDir, Path leafPem) throws IOException, InterruptedException {
        return openssl("verify", "-x509_strict", "-purpose", "sslclient", "-attime", AT,
                "-CAfile", caDir.resolve("root.pem").toString(),
                "-untrusted", caDir.resolve("issuing.pem").toString(), leafPem.toString());
    }

    private static Result verifyWithCrl(Path caDir, Path crlPem, Path leafPem) throws IOException, InterruptedException {
        return openssl("verify", "-x509_strict", "-purpose", "sslclient", "-attime", AT, "-crl_check",
                "-CRLfile", crlPem.toString(),
                "-CAfile", caDir.resolve("root.pem").toString(),
                "-untrusted", caDir.resolve("issuing.pem").toString(), leafPem.toString());
    }

    private static Result openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
