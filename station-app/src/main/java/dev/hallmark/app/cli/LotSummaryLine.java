package dev.hallmark.app.cli;

import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.workflow.LotSummary;
import java.util.Locale;

/** The closing line of a provision run: what this run did, then the lot as a whole (counts by result, yield). */
final class LotSummaryLine {

    private LotSummaryLine() {
    }

    static String of(LotSession.Result result) {
        LotSummary run = result.summary();
        LotReport lot = result.report();
        return String.format(Locale.ROOT, "lot %s: this run %d passed, %d failed (%d resumed) in %.1f s;"
                        + " lot %d/%d passed, %d failed, %d under way, yield %.1f%%%s",
                lot.lot(), run.passed(), run.failed(), result.resumed(), run.elapsed().toMillis() / 1000.0,
                lot.passed(), lot.quota(), lot.failed(), lot.inProgress(), lot.yield() * 100,
                lot.closedAt() != null ? "; closed " + lot.closedAt() : "");
    }
}
