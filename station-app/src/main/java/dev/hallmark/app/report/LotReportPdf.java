package dev.hallmark.app.report;

import dev.hallmark.app.report.PdfPages.Column;
import dev.hallmark.app.report.ReportFonts.Style;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.conformity.Control;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The report's pages: title block, summary, the claimed class's requirements, failures by cause and by step, yield
 * over time (large lots only), the audit record and the pin it was verified against, the actions on the lot, and
 * the per-unit evidence as a paged table. Numbers are whole; names are words, not constants.
 */
final class LotReportPdf {

    static final int CHART_FROM_UNITS = 100;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private LotReportPdf() {
    }

    /** Lays the report out into {@code doc} (which the caller makes archival and signs). */
    static void layout(LotReport r, PDDocument doc, String attachmentName) throws IOException {
        ReportFonts fonts = ReportFonts.load(doc);
        try (PdfPages p = new PdfPages(doc, fonts, "Hallmark conformity report - lot " + r.lot() + " - generated "
                + when(r.generatedAt()))) {
            p.title("Conformity report, lot " + r.lot(), "ISO/IEC 27402 per-unit evidence from the station's "
                    + "tamper-evident audit record. The report's data is attached as " + attachmentName + ".");
            titleBlock(r, p);
            summary(r, p);
            requirements(r, p);
            failures(r, p);
            if (r.summary().passed() + r.summary().failed() >= CHART_FROM_UNITS) {
                YieldChart.draw(r, p);
            }
            trust(r, p);
            actions(r, p);
            units(r, p);
        }
    }

    static String when(Instant at) {
        return at == null ? "-" : WHEN.format(at);
    }

    private static void titleBlock(LotReport r, PdfPages p) throws IOException {
        LotReport.Provenance v = r.provenance();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Product profile", v.profile() == null ? "not recorded" : v.profile()});
        rows.add(new String[] {"Lot", r.lot()});
        rows.add(new String[] {"Class claimed", r.classesClaimed().isEmpty() ? "none recorded"
                : String.join(", ", r.classesClaimed()) + " (ISO/IEC 27402)"});
        rows.add(new String[] {"Stations", String.join(", ", r.stations())});
        rows.add(new String[] {"Units provisioned", "from " + when(v.firstStarted()) + " to " + when(v.lastFinished())});
        rows.add(new String[] {"Report generated", when(r.generatedAt()) + " by operator " + r.generatedBy()});
        rows.add(new String[] {"Software", "Hallmark " + v.softwareVersion() + ", build " + v.softwareBuild()});
        p.table(List.of(new Column("", 22, false, Style.BOLD), Column.text("", 78)), rows);
    }

    private static void summary(LotReport r, PdfPages p) throws IOException {
        p.heading("Summary", 40);
        LotReport.Summary s = r.summary();
        p.table(List.of(Column.number("Attempts", 1), Column.number("Passed", 1), Column.number("Failed", 1),
                        Column.number("Reworked", 1), Column.number("Under way", 1), Column.number("Distinct devices", 1),
                        Column.number("Yield", 1)),
                List.<String[]>of(new String[] {n(s.attempts()), n(s.passed()), n(s.failed()), n(s.reworked()),
                        n(s.inProgress()), n(s.distinctDevices()), String.format(Locale.ROOT, "%.1f %%", s.yieldPercent())}));
        p.note("Yield is passed over finished attempts (passed + failed). A reworked unit's device was wiped after it was "
                + "sealed; it counts where its attempt ended. An attempt is one pass of a device through the station.");
    }

    private static void requirements(LotReport r, PdfPages p) throws IOException {
        ConformityClass claimed = claimed(r);
        p.heading("Requirements of " + (claimed == ConformityClass.NONE ? "the lot (no class claimed)"
                : claimed.label()) + " and how each is evidenced", 60);
        List<String[]> rows = new ArrayList<>();
        int passed = r.summary().passed();
        for (Control c : Control.values()) {
            if (!claimed.includes(c.since()) && !r.controlTotals().containsKey(c.name())) {
                continue;
            }
            ReportText.Requirement q = ReportText.requirement(c.name());
            int[] t = r.controlTotals().get(c.name());
            int onPassed = satisfiedOnPassed(r, c.name());
            String result = t == null ? "✗ no evidence recorded" : !q.perUnit()
                    ? (t[0] == t[1] ? "✓ " : "✗ ") + "declared; recorded with " + n(t[1]) + " attempts"
                    : (onPassed == passed ? "✓ " : "✗ ") + n(onPassed) + " of " + n(passed) + " passed units"
                    + (t[1] > passed ? "\n(" + n(t[0]) + " of " + n(t[1]) + " attempts)" : "");
            rows.add(new String[] {q.title() + "\n" + q.requirement(), ReportText.since(c.name()),
                    q.perUnit() ? "evidenced per unit" : "declared by the product", q.byWhom(), result});
        }
        p.table(List.of(Column.text("Requirement", 40), Column.text("Class", 8), Column.text("How", 14),
                Column.text("By whom", 22), Column.text("Result", 16)), rows);
        if (r.summary().failed() > 0) {
            p.note("A requirement holds for the lot when every passed unit evidences it. A failed attempt stops before "
                    + "its certificate and secret, so it counts among the attempts but not the passed units.");
        }
    }

    private static void failures(LotReport r, PdfPages p) throws IOException {
        int failed = r.summary().failed();
        p.heading("Failures by cause", 40);
        if (failed == 0) {
            p.paragraph("No attempt failed.");
            return;
        }
        List<String[]> causes = new ArrayList<>();
        for (Map.Entry<String, Integer> e : r.failuresByCause().entrySet()) {
            causes.add(new String[] {e.getKey(), ReportText.cause(e.getKey()), n(e.getValue()), share(e.getValue(), failed)});
        }
        causes.add(new String[] {"Total", "", n(failed), "100 %"});
        p.table(List.of(Column.mono("Code", 12), Column.text("Cause", 58), Column.number("Failed attempts", 16),
                Column.number("Share", 14)), causes);
        p.heading("Failures by step", 40);
        List<String[]> steps = new ArrayList<>();
        for (Map.Entry<String, Integer> e : r.failuresByStep().entrySet()) {
            steps.add(new String[] {ReportText.step(e.getKey()), n(e.getValue()), share(e.getValue(), failed)});
        }
        steps.add(new String[] {"Total", n(failed), "100 %"});
        p.table(List.of(Column.text("Step", 70), Column.number("Failed attempts", 16), Column.number("Share", 14)), steps);
    }

    private static void trust(LotReport r, PdfPages p) throws IOException {
        LotReport.Trust t = r.trust();
        p.heading("Audit record and the key it was verified against", 80);
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Audit chain", r.auditChain().holds() ? "✓ HOLDS when this report was made"
                : "✗ BROKEN when this report was made (findings below)"});
        facts.add(new String[] {"Action log", (r.actionChain().holds() ? "✓ HOLDS" : "✗ BROKEN") + " ("
                + n(r.actionChain().checked()) + " actions)"});
        facts.add(new String[] {"Verified against", t.pinSha256() == null ? "no pin: the keys stored with the "
                + "checkpoints" : "audit key SHA-256 " + t.pinSha256()});
        facts.add(new String[] {"Pin", r.auditChain().pin() + " (decision 0018: the token's key, the auditor's pin "
                + "or the plant trust list; never the data directory's file alone)"});
        facts.add(new String[] {"How the pin was obtained", t.pinSource()});
        if (t.signer() != null) {
            facts.add(new String[] {"This report signed by", t.signer().subject()});
            facts.add(new String[] {"Signer certificate SHA-256", t.signer().certificateSha256()});
            facts.add(new String[] {"Signer public key SHA-256", t.signer().keySha256() + " (the station audit key; "
                    + "signed inside the token, PAdES B-B)"});
        }
        p.table(List.of(new Column("", 26, false, Style.BOLD), Column.text("", 74)), facts);
        List<String[]> heads = new ArrayList<>();
        for (LotReport.ChainHead h : t.heads()) {
            heads.add(new String[] {h.station(), n(h.seq()), h.hash()});
        }
        p.table(List.of(Column.text("Station", 18), Column.number("Head at event", 14), Column.mono("Chain head hash", 68)),
                heads);
        for (String line : r.auditChain().lines()) {
            p.note(line);
        }
    }

    private static void actions(LotReport r, PdfPages p) throws IOException {
        p.heading("Actions on this lot", 40);
        if (r.actions().isEmpty()) {
            p.paragraph("No action on this lot was recorded in the action log.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (LotReport.ActionEntry a : r.actions()) {
            rows.add(new String[] {n(a.seq()), when(a.at()), a.operator(), a.action().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), a.approver() == null ? "-" : a.approver(), a.outcome()
                    + (a.detail() == null ? "" : ": " + a.detail())});
        }
        p.table(List.of(Column.number("#", 6), Column.text("When", 20), Column.text("Operator", 14),
                Column.text("Action", 16), Column.text("Approved by", 14), Column.text("Outcome", 30)), rows);
    }

    private static void units(LotReport r, PdfPages p) throws IOException {
        List<String> controls = new ArrayList<>(r.controlTotals().keySet());
        controls.remove(Control.CLASS_PREREQUISITES.name());
        p.heading("Per-unit evidence", 120);
        p.note("One row per attempt. ✓ the control's evidence holds, ✗ it does not, - not recorded. The evidence "
                + "behind each mark (what the station observed) is in the attached JSON, field units[].controls.");
        List<Column> columns = new ArrayList<>(List.of(new Column("#", 5, true, Style.MONO),
                Column.mono("Serial / UID", 22), Column.text("Result", 9.5f), Column.mono("Certificate SHA-256", 30)));
        for (String c : controls) {
            columns.add(new Column(ReportText.requirement(c).column(), 33.5f / Math.max(controls.size(), 4), false,
                    Style.REGULAR));
        }
        List<String[]> rows = new ArrayList<>();
        int i = 0;
        for (LotReport.UnitEntry e : r.units()) {
            UnitRecord u = e.unit();
            String[] row = new String[columns.size()];
            row[0] = Integer.toString(++i);
            row[1] = (u.serial() == null ? "-" : u.serial()) + "\n" + (u.uid() == null ? "-" : u.uid());
            row[2] = (u.result() == null ? "unfinished" : u.result().name()) + (u.reworked() ? "\nreworked" : "")
                    + (u.errorCode() == null ? "" : "\n" + u.errorCode() + " at " + u.failedStep());
            row[3] = u.certificateSha256() == null ? "-" : u.certificateSha256();
            for (int c = 0; c < controls.size(); c++) {
                row[4 + c] = mark(e.controls(), controls.get(c));
            }
            rows.add(row);
        }
        p.table(columns, rows);
    }

    private static int satisfiedOnPassed(LotReport r, String control) {
        int n = 0;
        for (LotReport.UnitEntry e : r.units()) {
            if (e.unit().result() == dev.hallmark.engine.api.UnitResult.PASS
                    && mark(e.controls(), control).equals("✓")) {
                n++;
            }
        }
        return n;
    }

    private static String mark(List<ControlEvidence> evidence, String control) {
        for (ControlEvidence c : evidence) {
            if (c.control().equals(control)) {
                return c.satisfied() ? "✓" : "✗";
            }
        }
        return "-";
    }

    static ConformityClass claimed(LotReport r) {
        ConformityClass highest = ConformityClass.NONE;
        for (String c : r.classesClaimed()) {
            try {
                ConformityClass k = ConformityClass.parse(c);
                highest = k.level() > highest.level() ? k : highest;
            } catch (IllegalArgumentException unknown) {
                // a label this version does not parse is shown as recorded in the title block
            }
        }
        return highest;
    }

    static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String share(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
