package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code hallmark audit verify} prints: the pin line, a summary line for the action log, the conformity evidence,
 * the token's head counter and the CA's issued log, then the audit chain's report, whose findings include theirs.
 *
 * @param chain     the audit chain's report with the findings of every check
 * @param summaries one line per record beside the chain
 * @param pin       where the trusted station keys came from
 * @param pinLine   the line naming the pin, printed first
 */
public record RecordsReport(ChainReport chain, List<String> summaries, AuditTrust.Pin pin, String pinLine) {

    /** The exit code of a run without finding that was not pinned (decision 0018). */
    public static final int UNPINNED_EXIT = 4;

    public RecordsReport {
        summaries = List.copyOf(summaries);
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(pinLine, "pinLine");
    }

    /** Whether every record holds (pinned or not: see {@link #exitCode()}). */
    public boolean ok() {
        return chain.ok();
    }

    /** Whether the verification was pinned to keys an attacker with the database cannot replace. */
    public boolean pinned() {
        return pin != AuditTrust.Pin.UNPINNED;
    }

    /** 0 when all holds under a pin, 1 with findings, {@value #UNPINNED_EXIT} when all holds but nothing was pinned. */
    public int exitCode() {
        return !ok() ? 1 : pinned() ? 0 : UNPINNED_EXIT;
    }

    /** The pin line, the summaries, then the chain's lines (findings, stations, verdict; an unpinned verdict says so). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(pinLine);
        out.addAll(summaries);
        List<String> chainLines = new ArrayList<>(chain.lines());
        if (ok() && !pinned() && !chainLines.isEmpty()) {
            chainLines.set(chainLines.size() - 1, "UNPINNED: no finding, but the checkpoints were checked only against"
                    + " the keys stored beside them, which anyone who can write the data directory can replace; reach the"
                    + " station token, or give --trust-key-sha256 or --trust-list");
        }
        out.addAll(chainLines);
        return out;
    }

    /** Writes {@link #lines()} one per line and returns {@link #exitCode()}. */
    public int print(Appendable out) {
        ChainReport.printLines(lines(), out);
        return exitCode();
    }
}
