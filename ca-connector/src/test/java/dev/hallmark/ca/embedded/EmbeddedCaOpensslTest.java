package dev.hallmark.ca.embedded;

import static dev.hallmark.ca.embedded.CaFixture.CA_NAME;
import static dev.hallmark.ca.embedded.CaFixture.CLOCK;
import static dev.hallmark.ca.embedded.CaFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outside check: OpenSSL, not Java, judges the embedded CA's chain and leaf. */
class EmbeddedCaOpensslTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenssl() {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed at " + OPENSSL);
    }

    @Test
    void opensslVerifiesTheLeafAsAClientCertificateUnderTheRoot() throws Exception {
        EmbeddedCa ca = EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), dir.resolve("ca"), CA_NAME,
                CLOCK, new SecureRandom());
        X509Certificate leaf = ca.issue(CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), "HM-F4-000042")).leaf();
        Path leafPem = Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf));

        Result result = verify(dir.resolve("ca"), leafPem);

        assertThat(result.output()).contains(leafPem + ": OK");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void opensslRefusesALeafFromAnotherCa() throws Exception {
        EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), dir.resolve("ca"), CA_NAME, CLOCK,
                new SecureRandom());
        EmbeddedCa other = EmbeddedCa.initialize(new SoftwareKeyStore(new SecureRandom()), dir.resolve("other"),
                CA_NAME, CLOCK, new SecureRandom());
        X509Certificate foreign = other.issue(CaFixture.request(CaFixture.csr(CaFixture.deviceKey()), "HM-F4-1")).leaf();
        Path leafPem = Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(foreign));

        Result result = verify(dir.resolve("ca"), leafPem);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).doesNotContain(": OK");
    }

    private static Result verify(Path caDir, Path leafPem) throws IOException, InterruptedException {
        long at = NOW.plus(Duration.ofHours(1)).getEpochSecond();
        Process process = new ProcessBuilder(List.of(OPENSSL.toString(), "verify", "-x509_strict",
                "-purpose", "sslclient", "-attime", Long.toString(at),
                "-CAfile", caDir.resolve("root.pem").toString(),
                "-untrusted", caDir.resolve("issuing.pem").toString(), leafPem.toString()))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
