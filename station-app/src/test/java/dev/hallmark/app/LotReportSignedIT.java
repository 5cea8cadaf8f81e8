package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.report.LotReportDocument;
import dev.hallmark.app.report.LotReportDocumentTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;

/**
 * The lot report of a real SoftHSM2 station: veraPDF finds it PDF/A-3u; Poppler's pdfsig finds its signature valid,
 * covering the whole file and made by the certificate of the station audit key (its fingerprint in
 * audit-signer.sha256); one changed byte breaks it for pdfsig and for {@code lot report --verify}; the attached
 * JSON is the JSON file; and {@code --verify} names the unit after its record was changed in the H2 database.
 */
class LotReportSignedIT {

    @Test
    void theReportIsArchivalSignedByTheStationAuditKeyAndVerifiable() throws Exception {
        Path dir = HallmarkProcess.freshDir("report-signed");
        String dataDir = dir.toString();
        HallmarkProcess.Result demo = HallmarkProcess.run(dir, "demo", "--count", "2", "--headless", "--data-dir",
                dataDir, "--lot", "R1");
        assertThat(demo.exit()).as(demo.toString()).isIn(0, 1);

        Path out = dir.resolve("out");
        HallmarkProcess.Result report = HallmarkProcess.run(dir, "lot", "report", "--lot", "R1", "--data-dir", dataDir,
                "--out", out.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        Path pdf = out.resolve(dev.hallmark.app.report.ReportFileName.base("R1") + ".pdf");
        byte[] bytes = Files.readAllBytes(pdf);
        String keySha256 = Files.readString(dir.resolve("audit-signer.sha256"), StandardCharsets.US_ASCII).trim();

        VeraGreenfieldFoundryProvider.initialise();
        assertThat(LotReportDocumentTest.violations(bytes)).isEmpty();
        assertThat(LotReportDocument.attachedJson(bytes)).isEqualTo(Files.readAllBytes(out.resolve(
                dev.hallmark.app.report.ReportFileName.base("R1") + ".json")));

        String sig = pdfsig(pdf);
        assertThat(sig).contains("Signature Validation: Signature is Valid.", "Total document signed",
                "Signer Certificate Common Name: Hallmark station audit key",
                "OU=key sha256 " + keySha256.substring(0, 32), "Signature Type: ETSI.CAdES.detached");

        HallmarkProcess.Result verified = HallmarkProcess.run(dir, "lot", "report", "--verify", pdf.toString(),
                "--data-dir", dataDir);
        assertThat(verified.exit()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("signature: made by the pinned station audit key",
                "numbers: the report's figures and all 2 units match the audit database", "OK: the report of lot R1");

        byte[] changed = bytes.clone();
        int at = indexOf(changed, "Conformity report of lot R1");
        changed[at] = 'c';
        Path tampered = out.resolve("tampered.pdf");
        Files.write(tampered, changed);
        assertThat(pdfsig(tampered)).contains("Signature Validation:").doesNotContain("Signature is Valid.");
        HallmarkProcess.Result badSignature = HallmarkProcess.run(dir, "lot", "report", "--verify", tampered.toString(),
                "--data-dir", dataDir);
        assertThat(badSignature.exit()).as(badSignature.toString()).isEqualTo(1);
        assertThat(badSignature.err()).contains("HM-725");

        String serial = new com.fasterxml.jackson.databind.ObjectMapper().readTree(LotReportDocument.attachedJson(bytes))
                .at("/units/0/serial").asText();
        H2Shell.run(dir, "update units set uid = '000000000000000000000000' where serial = '" + serial + "'");
        HallmarkProcess.Result stale = HallmarkProcess.run(dir, "lot", "report", "--verify", pdf.toString(),
                "--data-dir", dataDir);
        assertThat(stale.exit()).as(stale.toString()).isEqualTo(1);
        assertThat(stale.out()).contains("signature: made by the pinned station audit key",
                "numbers: unit", "(serial " + serial + "): uid in the report", "audit chain now: BROKEN");
        assertThat(stale.err()).contains("HM-726");
    }

    private static String pdfsig(Path pdf) throws Exception {
        Process p = new ProcessBuilder(List.of("pdfsig", pdf.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    private static int indexOf(byte[] data, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i < data.length - t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (data[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " is not in the file");
    }
}
