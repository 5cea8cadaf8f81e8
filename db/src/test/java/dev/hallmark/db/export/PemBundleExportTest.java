package dev.hallmark.db.export;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.query.AuditFixture;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemBundleExportTest {

    @TempDir
    Path dir;

    @Test
    void theLotsPassedCertificatesComeInIdOrderThenTheChainOnce() throws Exception {
        X509Certificate issuing = certificate("Hallmark issuing CA");
        X509Certificate root = certificate("Hallmark root CA");
        StringWriter out = new StringWriter();
        X509Certificate first;
        X509Certificate second;
        String firstSerial;
        try (AuditFixture db = new AuditFixture(dir)) {
            long a = db.pass("L1", "ST-01", at(1));
            db.fail("L1", "ST-01", at(2), Step.VERIFY, "still readable");
            long b = db.pass("L1", "ST-02", at(3));
            db.pass("L2", "ST-01", at(4));
            first = db.certificateOf(a);
            second = db.certificateOf(b);
            firstSerial = db.store().unit(a).orElseThrow().serial();

            assertThat(PemBundleExport.write(db.source(), "L1", List.of(issuing, root), out)).isEqualTo(2);
        }

        List<X509Certificate> parsed = Pem.parseCertificates(out.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed).containsExactly(first, second, issuing, root);
        assertThat(out.toString()).startsWith("# unit " + firstSerial + " uid ")
                .contains("sha256 " + Pem.sha256(first) + "\n-----BEGIN CERTIFICATE-----\n")
                .contains("# CA O=Hallmark test,CN=Hallmark root CA\n");
    }

    @Test
    void aLotWithoutPassedUnitsGivesTheChainAlone() throws Exception {
        X509Certificate issuing = certificate("Hallmark issuing CA");
        StringWriter out = new StringWriter();
        try (AuditFixture db = new AuditFixture(dir)) {
            db.fail("L1", "ST-01", at(2), Step.IDENTIFY, "no answer");

            assertThat(PemBundleExport.write(db.source(), "L1", List.of(issuing), out)).isZero();
        }

        assertThat(Pem.parseCertificates(out.toString().getBytes(StandardCharsets.US_ASCII))).containsExactly(issuing);
    }
}
