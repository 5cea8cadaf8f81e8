package dev.hallmark.app.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The report as a lab files it: the pages, PDF/A-3u, the report's JSON attached, signed by the station's audit key.
 * The JSON written beside the PDF is the very bytes attached.
 */
public final class LotReportDocument {

    private LotReportDocument() {
    }

    /** The signed PDF and the JSON it carries. */
    public record Written(byte[] pdf, byte[] json) {
    }

    /** The attachment's file name. */
    public static final String ATTACHMENT = "lot-report.json";

    /** Lays out, archives and signs the report of {@code report}; the signer is stated in the signed content. */
    public static Written write(LotReport report, ReportSigner signer) throws IOException {
        LotReport signed;
        try {
            signed = withSigner(report, signer.info());
        } catch (dev.hallmark.engine.api.ProvisioningException e) {
            throw new IOException(e.getMessage(), e);
        }
        byte[] json = LotReportJson.bytes(signed);
        String name = ATTACHMENT;
        ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            LotReportPdf.layout(signed, doc, name);
            String creator = "Hallmark " + signed.provenance().softwareVersion();
            PdfArchive.declare(doc, "Conformity report, lot " + report.lot(), creator, report.generatedAt());
            PdfArchive.attach(doc, name, "application/json", "The report's data (schema " + LotReportJson.SCHEMA
                    + "): every figure of the pages and each control's evidence per unit", json, report.generatedAt());
            doc.save(unsigned);
        }
        byte[] pdf = PdfSignature.sign(unsigned.toByteArray(), signer, report.generatedAt(),
                "Conformity report of lot " + report.lot() + ", audit record as verified",
                String.join(", ", report.stations()));
        return new Written(pdf, json);
    }

    /** The JSON attached to a report PDF, or null when it has none. */
    public static byte[] attachedJson(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return PdfArchive.attachment(doc, ATTACHMENT);
        }
    }

    private static LotReport withSigner(LotReport r, LotReport.SignerInfo s) {
        return new LotReport(r.lot(), r.generatedAt(), r.generatedBy(), r.stations(), r.classesClaimed(), r.summary(),
                r.failuresByCause(), r.failuresByStep(), r.controlTotals(), r.units(), r.auditChain(), r.actionChain(),
                r.actions(), r.provenance(), r.trust().withSigner(s));
    }
}
