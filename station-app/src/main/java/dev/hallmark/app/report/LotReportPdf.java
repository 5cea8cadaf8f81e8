package dev.hallmark.app.report;

import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report as PDF (Apache PDFBox): summary and yield chart, failures by cause, controls, the chain results, the
 * actions on the lot, then each unit with the evidence of each control.
 */
public final class LotReportPdf {

    private static final Logger LOG = LoggerFactory.getLogger(LotReportPdf.class);

    private LotReportPdf() {
    }

    public static void write(LotReport r, Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Hallmark conformity report, lot " + r.lot());
            info.setCreator("Hallmark");
            try (PdfPages pages = new PdfPages(doc)) {
                summary(r, pages);
                charts(r, pages);
                failures(r, pages);
                chains(r, pages);
                actions(r, pages);
                units(r, pages);
            }
            doc.save(file.toFile());
        }
    }

    private static void summary(LotReport r, PdfPages p) throws IOException {
        p.heading("Conformity report - lot " + r.lot());
        p.text("ISO/IEC 27402 class claimed: " + (r.classesClaimed().isEmpty() ? "no evidence recorded"
                : String.join(", ", r.classesClaimed())));
        p.text("Generated " + r.generatedAt() + " by " + r.generatedBy() + "; stations: " + String.join(", ", r.stations()));
        LotReport.Summary s = r.summary();
        p.text(String.format("Summary: %d attempts, %d passed, %d failed, %d under way, %d distinct devices; yield %.1f %%",
                s.attempts(), s.passed(), s.failed(), s.inProgress(), s.distinctDevices(), s.yieldPercent()));
        p.text("Audit chain: " + (r.auditChain().holds() ? "HOLDS" : "BROKEN") + " (pin: " + r.auditChain().pin()
                + "); action log: "
                + (r.actionChain().holds() ? "HOLDS" : "BROKEN"));
    }

    private static void charts(LotReport r, PdfPages p) throws IOException {
        try {
            p.image(ReportCharts.yield(r.summary()));
            if (!r.failuresByCause().isEmpty()) {
                p.image(ReportCharts.failuresByCause(r.failuresByCause()));
            }
            if (!r.controlTotals().isEmpty()) {
                p.image(ReportCharts.controls(r.controlTotals()));
            }
        } catch (RuntimeException | Error e) {
            // a machine without fonts cannot draw text into images; the tables below carry the same figures
            LOG.warn("the report's charts could not be drawn: {}", e.toString(), e);
            p.text("(charts could not be drawn on this machine: " + e.getClass().getSimpleName()
                    + "; install fontconfig and fonts-dejavu-core; the tables carry the same figures)");
        }
    }

    private static void failures(LotReport r, PdfPages p) throws IOException {
        p.subheading("Failures by cause");
        if (r.failuresByCause().isEmpty()) {
            p.text("none");
        }
        for (Map.Entry<String, Integer> e : r.failuresByCause().entrySet()) {
            p.text(e.getKey() + ": " + e.getValue());
        }
        p.subheading("Failures by step");
        for (Map.Entry<String, Integer> e : r.failuresByStep().entrySet()) {
            p.text(e.getKey() + ": " + e.getValue());
        }
        p.subheading("Controls (satisfied / recorded)");
        for (Map.Entry<String, int[]> e : r.controlTotals().entrySet()) {
            p.text(e.getKey() + ": " + e.getValue()[0] + " / " + e.getValue()[1]);
        }
    }

    private static void chains(LotReport r, PdfPages p) throws IOException {
        for (LotReport.ChainResult c : new LotReport.ChainResult[] {r.auditChain(), r.actionChain()}) {
            p.subheading("Verification of the " + c.what() + ": " + (c.holds() ? "HOLDS" : "BROKEN") + " (pin: "
                    + c.pin() + ")");
            for (String line : c.lines()) {
                p.code(line);
            }
        }
    }

    private static void actions(LotReport r, PdfPages p) throws IOException {
        p.subheading("Actions on this lot");
        for (LotReport.ActionEntry a : r.actions()) {
            p.text("#" + a.seq() + " " + a.at() + " " + a.operator() + " " + a.action() + " " + a.target() + " "
                    + a.outcome() + (a.approver() == null ? "" : " approved by " + a.approver())
                    + (a.detail() == null ? "" : " - " + a.detail()));
        }
    }

    private static void units(LotReport r, PdfPages p) throws IOException {
        p.heading("Units and their evidence");
        for (LotReport.UnitEntry e : r.units()) {
            UnitRecord u = e.unit();
            p.subheading((u.serial() == null ? "(no serial)" : u.serial()) + "  " + u.result()
                    + (u.errorCode() == null ? "" : "  " + u.errorCode() + " at " + u.failedStep()));
            p.text("uid " + u.uid() + ", station " + u.station() + ", fixture " + u.fixture() + ", certificate sha256 "
                    + u.certificateSha256());
            if (e.controls().isEmpty()) {
                p.text("no conformity evidence recorded for this attempt");
            }
            for (ControlEvidence c : e.controls()) {
                p.text((c.satisfied() ? "[x] " : "[ ] ") + c.control() + ": " + c.evidence());
            }
        }
    }
}
