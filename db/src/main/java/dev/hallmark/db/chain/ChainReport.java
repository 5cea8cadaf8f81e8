package dev.hallmark.db.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's answer: every finding, and a summary per station. It holds when there is no finding.
 *
 * @param legacyUnits units written before the chain existed (schema V2), which it cannot vouch for
 */
public record ChainReport(List<ChainFinding> findings, List<StationSummary> stations, long legacyUnits) {

    public ChainReport {
        findings = List.copyOf(findings);
        stations = List.copyOf(stations);
    }

    /** Whether every chain, checkpoint and record holds. */
    public boolean ok() {
        return findings.isEmpty();
    }

    /** The process exit code for {@code hallmark audit verify}: 0 when all holds, 1 otherwise. */
    public int exitCode() {
        return ok() ? 0 : 1;
    }

    /** The findings of one kind. */
    public List<ChainFinding> findings(FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }

    /** One line per finding, then one per station, then the verdict; for printing. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(f.line()));
        for (StationSummary s : stations) {
            out.add(String.format("station %s: %d events, head at seq %d, %d checkpoints, signed up to seq %d%s%s",
                    s.station(), s.events(), s.headSeq(), s.checkpoints(), s.anchoredSeq(),
                    s.unanchored() > 0 ? " (" + s.unanchored() + " events after the last signed checkpoint)" : "",
                    s.signerKeys().isEmpty() ? "" : ", signer key sha256 " + String.join(", ",
                            s.signerKeys().stream().sorted().toList())));
        }
        if (legacyUnits > 0) {
            out.add(legacyUnits + " units were written before the audit chain existed and are not covered by it");
        }
        out.add(ok() ? "OK: the audit record holds" : "FAILED: " + findings.size() + " finding(s)");
        return out;
    }

    /** Writes {@link #lines()} one per line and returns {@link #exitCode()}. */
    public int print(Appendable out) {
        printLines(lines(), out);
        return exitCode();
    }

    /** Writes a verification report's lines, one per line. */
    public static void printLines(List<String> lines, Appendable out) {
        try {
            for (String line : lines) {
                out.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the verification report could not be written", e);
        }
    }
}
