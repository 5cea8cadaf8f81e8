package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * ISO/IEC 27402 classes on a real SoftHSM2 station: Class 2 is refused before the first unit (software token, no
 * secure boot on the STM32F4), Class 1 is accepted; the lot report's JSON and PDF (read back with PDFBox) carry
 * the per-unit evidence, and a tampered audit record shows in the report.
 */
class ConformityIT {

    @Test
    void aSoftHsmStationIsRefusedForClass2AndAcceptedForClass1AndTheReportShowsTheEvidence() throws Exception {
        Path dir = HallmarkProcess.freshDir("conformity");
        String dataDir = dir.toString();
        Files.writeString(dir.resolve("conformity.yaml"), "class: 2\n");

        HallmarkProcess.Result class2 = HallmarkProcess.run(dir, "demo", "--count", "2", "--headless", "--data-dir",
                dataDir, "--lot", "C2");
        assertThat(class2.exit()).as(class2.toString()).isEqualTo(2);
        assertThat(class2.err().lines()).singleElement().asString().startsWith("hallmark: HM-720 conformity:")
                .contains("claims ISO/IEC 27402 Class 2", "software token (no CKF_HW_SLOT)",
                        "STM32F4 has no secure-boot fuse");
        assertThat(class2.out()).doesNotContain("PASS ", "FAIL ");

        Files.writeString(dir.resolve("conformity.yaml"), "class: 1\n");
        HallmarkProcess.Result class1 = HallmarkProcess.run(dir, "demo", "--count", "2", "--headless", "--data-dir",
                dataDir, "--lot", "C1");
        // the simulated bench may fail a unit now and then (exit 1); the evidence is checked on the ones that passed
        assertThat(class1.exit()).as(class1.toString()).isIn(0, 1);
        long passed = class1.lines().stream().filter(l -> l.startsWith("PASS ")).count();
        assertThat(passed).as(class1.toString()).isPositive();

        Path out = dir.resolve("report-out");
        HallmarkProcess.Result report = HallmarkProcess.run(dir, "lot", "report", "--lot", "C1", "--data-dir", dataDir,
                "--out", out.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(report.out()).contains("lot C1: " + passed + " passed, " + (2 - passed) + " failed",
                "audit chain holds (pin: token), action log holds");

        JsonNode json = new ObjectMapper().readTree(out.resolve(dev.hallmark.app.report.ReportFileName.base("C1") + ".json").toFile());
        assertThat(json.get("schema").asText()).isEqualTo("hallmark-lot-report/1");
        assertThat(json.get("classes_claimed").toString()).isEqualTo("[\"Class 1\"]");
        assertThat(json.at("/summary/passed").asInt()).isEqualTo((int) passed);
        assertThat(json.at("/audit_chain/holds").asBoolean()).isTrue();
        assertThat(json.get("units")).hasSize(2);
        JsonNode pass = null;
        for (JsonNode unit : json.get("units")) {
            if (!unit.get("result").asText().equals("PASS")) {
                continue;
            }
            pass = unit;
            assertThat(unit.get("controls")).extracting(c -> c.get("control").asText() + "=" + c.get("satisfied"))
                    .containsExactly("CLASS_PREREQUISITES=true", "UNIQUE_IDENTITY=true", "KEY_GENERATED_IN_TOKEN=true",
                            "DEBUG_LOCKED=true", "NO_DEFAULT_PASSWORD=true");
            assertThat(unit.at("/controls/2/evidence").asText()).contains("CKA_LOCAL=true", "CKA_SENSITIVE=true",
                    "CKA_ALWAYS_SENSITIVE=true", "SoftHSM");
            assertThat(unit.at("/controls/3/evidence").asText()).contains("READ_MEMORY 0x08000000 -> NACK");
        }
        assertThat(pass).isNotNull();
        assertThat(json.get("actions").toString()).contains("PROVISION");

        String text = pdfText(out.resolve(dev.hallmark.app.report.ReportFileName.base("C1") + ".pdf"));
        assertThat(text).contains("Conformity report, lot C1", "Class 1 (ISO/IEC 27402)",
                "Requirements of Class 1", "✓ HOLDS when this report was made",
                pass.get("serial").asText(), pass.get("cert_sha256").asText().substring(0, 32),
                "Key generated in a token", "Debug interface locked", "evidenced per");

        H2Shell.run(dir, "update units set uid = '000000000000000000000000' where serial = '"
                + pass.get("serial").asText() + "'");
        HallmarkProcess.Result tampered = HallmarkProcess.run(dir, "lot", "report", "--lot", "C1", "--data-dir",
                dataDir, "--out", out.toString());
        assertThat(tampered.exit()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.out()).contains("audit chain BROKEN");
        assertThat(pdfText(out.resolve(dev.hallmark.app.report.ReportFileName.base("C1") + ".pdf"))).contains("✗ BROKEN when this report was made");
    }

    static String pdfText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
