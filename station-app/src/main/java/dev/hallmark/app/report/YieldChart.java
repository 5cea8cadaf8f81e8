package dev.hallmark.app.report;

import dev.hallmark.app.report.ReportFonts.Style;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.awt.Color;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * Yield over time, drawn as vector bars (no image, text in the embedded fonts): finished attempts are grouped into
 * equal spans of the lot's run and each bar is the span's yield. Only for lots large enough that a trend means
 * something; the tables carry every number.
 */
final class YieldChart {

    private static final int BUCKETS = 24;
    private static final float HEIGHT = 170;

    private YieldChart() {
    }

    static void draw(LotReport r, PdfPages p) throws IOException {
        Instant from = null;
        Instant to = null;
        for (LotReport.UnitEntry e : r.units()) {
            Instant f = e.unit().finished();
            if (f != null && finished(e.unit())) {
                from = from == null || f.isBefore(from) ? f : from;
                to = to == null || f.isAfter(to) ? f : to;
            }
        }
        if (from == null || !to.isAfter(from)) {
            return;
        }
        int[] passed = new int[BUCKETS];
        int[] total = new int[BUCKETS];
        long span = Duration.between(from, to).toMillis() + 1;
        for (LotReport.UnitEntry e : r.units()) {
            UnitRecord u = e.unit();
            if (u.finished() != null && finished(u)) {
                int b = (int) (Duration.between(from, u.finished()).toMillis() * BUCKETS / span);
                total[b]++;
                passed[b] += u.result() == UnitResult.PASS ? 1 : 0;
            }
        }
        double lowest = 100;
        for (int b = 0; b < BUCKETS; b++) {
            if (total[b] > 0) {
                lowest = Math.min(lowest, 100.0 * passed[b] / total[b]);
            }
        }
        int floor = (int) Math.max(0, Math.floor((lowest - 5) / 10) * 10);
        p.heading("Yield over time", HEIGHT + 30);
        p.note(String.format(Locale.ROOT, "Finished attempts in %d equal spans of %s from %s; each bar is the span's "
                + "yield, the number under it the span's finished attempts. The axis starts at %d %%.", BUCKETS, human(Duration.ofMillis(span / BUCKETS)),
                LotReportPdf.when(from), floor));
        float bottom = p.reserve(HEIGHT);
        ReportFonts fonts = p.fonts();
        PDPageContentStream cs = p.canvas();
        float left = PdfPages.MARGIN + 34;
        float width = p.width() - 40;
        float plotBottom = bottom + 28;
        float plotHeight = HEIGHT - 40;
        cs.setLineWidth(0.4f);
        for (int tick = floor; tick <= 100; tick += floor >= 80 ? 5 : 10) {
            float ty = plotBottom + plotHeight * (tick - floor) / (100 - floor);
            cs.setStrokingColor(PdfPages.RULE);
            cs.moveTo(left, ty);
            cs.lineTo(left + width, ty);
            cs.stroke();
            cs.setNonStrokingColor(PdfPages.GREY);
            String label = tick + " %";
            fonts.show(cs, label, Style.REGULAR, 7, left - 4 - fonts.width(label, Style.REGULAR, 7), ty - 2.5f);
        }
        float slot = width / BUCKETS;
        for (int b = 0; b < BUCKETS; b++) {
            if (total[b] == 0) {
                continue;
            }
            double yield = 100.0 * passed[b] / total[b];
            float h = (float) (plotHeight * Math.max(0, yield - floor) / (100 - floor));
            cs.setNonStrokingColor(yield < lowestAcceptable(r) ? PdfPages.FAIL : new Color(0x45, 0x6b, 0x8a));
            cs.addRect(left + b * slot + slot * 0.15f, plotBottom, slot * 0.7f, h);
            cs.fill();
            cs.setNonStrokingColor(PdfPages.GREY);
            String count = Integer.toString(total[b]);
            fonts.show(cs, count, Style.REGULAR, 6, left + b * slot + (slot - fonts.width(count, Style.REGULAR, 6)) / 2,
                    plotBottom - 9);
        }
        cs.setNonStrokingColor(PdfPages.GREY);
        fonts.show(cs, LotReportPdf.when(from), Style.REGULAR, 7, left, bottom + 6);
        String end = LotReportPdf.when(to);
        fonts.show(cs, end, Style.REGULAR, 7, left + width - fonts.width(end, Style.REGULAR, 7), bottom + 6);
        p.space(6);
    }

    /** Spans below the lot's own yield by more than five points are drawn red. */
    private static double lowestAcceptable(LotReport r) {
        return r.summary().yieldPercent() - 5;
    }

    private static boolean finished(UnitRecord u) {
        return u.result() == UnitResult.PASS || u.result() == UnitResult.FAILED;
    }

    private static String human(Duration d) {
        if (d.toHours() >= 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return Math.max(1, d.toSeconds()) + " s";
    }
}
