package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code hallmark audit verify} prints: a summary line for the action log and for the conformity evidence, then
 * the audit chain's report, whose findings include theirs.
 *
 * @param chain     the audit chain's report with the findings of every check
 * @param summaries one line per record beside the chain
 */
public record RecordsReport(ChainReport chain, List<String> summaries) {

    public RecordsReport {
        summaries = List.copyOf(summaries);
    }

    /** Whether every record holds. */
    public boolean ok() {
        return chain.ok();
    }

    /** The summaries, then the chain's lines (findings, stations, verdict). */
    public List<String> lines() {
        List<String> out = new ArrayList<>(summaries);
        out.addAll(chain.lines());
        return out;
    }

    /** Writes {@link #lines()} one per line and returns the exit code (0 when all holds, 1 otherwise). */
    public int print(Appendable out) {
        ChainReport.printLines(lines(), out);
        return chain.exitCode();
    }
}
