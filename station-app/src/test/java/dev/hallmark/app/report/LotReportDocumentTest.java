package dev.hallmark.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * The report document on seeded lots, signed by a software EC key (the token's key is in LotReportSignedIT):
 * veraPDF finds it PDF/A-3u, the attached JSON is the JSON written beside it, text in Latin, Cyrillic and CJK
 * serials comes back from the embedded fonts, and one changed byte breaks the signature. Writes the samples to
 * target/report-samples for scripts/report-screenshots.sh.
 */
public class LotReportDocumentTest {

    static final Path OUT = Path.of("target", "report-samples");

    @BeforeAll
    static void veraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    @Test
    void aThousandUnitLotIsPdfA3uWithItsJsonAttachedAndSigned() throws Exception {
        LotReport lot = ReportSamples.lot("L-2026-11-30", 1000, "HM-", 23);
        ReportSigner signer = ReportSamples.softwareSigner(lot.generatedAt());
        LotReportDocument.Written written = LotReportDocument.write(lot, signer);
        save("lot-1000", written);

        assertThat(violations(written.pdf())).isEmpty();
        assertThat(LotReportDocument.attachedJson(written.pdf())).isEqualTo(written.json());
        String key = signer.info().keySha256();
        ReportCheck.Signature check = ReportCheck.signature(written.pdf(), key);
        assertThat(check.holds()).as(check.lines().toString()).isTrue();
        assertThat(check.attachedJson().path("summary").path("attempts").asInt()).isEqualTo(1000);
        assertThat(check.attachedJson().path("signer").path("key_sha256").asText()).isEqualTo(key);

        String text = text(written.pdf());
        int pages = pages(written.pdf());
        assertThat(pages).isGreaterThan(20);
        assertThat(text).contains("Page 1 of " + pages, "Page " + pages + " of " + pages, "Failures by cause",
                "Yield over time", "Key generated in a token", "HM-301", "Device not responding", "Identify the device (IDENTIFY)",
                "HM-000417", lot.units().get(416).unit().certificateSha256().substring(0, 32))
                .doesNotContain("KEY_GENERATED_IN_TOKEN", "\uFFFD");
    }

    @Test
    void serialsInAnyScriptAreDrawnFromEmbeddedFonts() throws Exception {
        LotReport lot = ReportSamples.lot("ロット-7", 2, "ДАТЧИК-传感器-", 5);
        LotReportDocument.Written written = LotReportDocument.write(lot, ReportSamples.softwareSigner(lot.generatedAt()));
        save("lot-scripts", written);

        assertThat(violations(written.pdf())).isEmpty();
        assertThat(text(written.pdf())).contains("ДАТЧИК-传感器-000001", "ロット-7").doesNotContain("\uFFFD");
        try (PDDocument doc = Loader.loadPDF(written.pdf())) {
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void oneChangedByteBreaksTheSignature() throws Exception {
        LotReport lot = ReportSamples.lot("L-TAMPER", 2, "SN-", 7);
        ReportSigner signer = ReportSamples.softwareSigner(lot.generatedAt());
        byte[] pdf = LotReportDocument.write(lot, signer).pdf();
        String key = signer.info().keySha256();
        assertThat(ReportCheck.signature(pdf, key).holds()).isTrue();

        byte[] changed = pdf.clone();
        int at = indexOf(changed, "L-TAMPER");
        changed[at + 2] = 'X';
        ReportCheck.Signature check = ReportCheck.signature(changed, key);
        assertThat(check.holds()).isFalse();
        assertThat(check.finding()).isNotNull();

        assertThat(ReportCheck.signature(pdf, "00".repeat(32)).finding()).contains("not the pinned station audit key");
    }

    public static List<String> violations(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFA_3_U)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_3_U, false);
            ValidationResult result = validator.validate(parser);
            return result.getTestAssertions().stream().filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().toList();
        }
    }

    private static void save(String name, LotReportDocument.Written written) throws Exception {
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name + ".pdf"), written.pdf());
        Files.write(OUT.resolve(name + ".json"), written.json());
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static int pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    private static int indexOf(byte[] data, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
