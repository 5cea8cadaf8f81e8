package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.engine.port.ChainHeadWitness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Compares each station's head as the token's counter holds it with the database (decision 0018): the newest checkpoint
 * must be at or beyond the counted seq, and the chain must still hold the counted hash at that seq. Behind is
 * truncation; another hash at the counted seq is a rewritten chain.
 */
final class HeadCounterCheck {

    private final Connection c;
    private final Consumer<ChainFinding> findings;

    HeadCounterCheck(Connection c, Consumer<ChainFinding> findings) {
        this.c = c;
        this.findings = findings;
    }

    /** Runs the check; returns the summary line, or null when there is no counted head. */
    String run(List<ChainHeadWitness.Head> heads) throws SQLException {
        if (heads.isEmpty()) {
            return null;
        }
        StringBuilder summary = new StringBuilder("token head counter:");
        for (ChainHeadWitness.Head head : heads) {
            long newest = newestCheckpoint(head.station());
            summary.append(" station ").append(head.station()).append(" counted seq ").append(head.seq())
                    .append(", newest checkpoint in the database seq ").append(newest).append(';');
            if (newest < head.seq()) {
                findings.accept(new ChainFinding(FindingKind.TRUNCATED, "audit_checkpoints", null, head.station(),
                        head.seq(), "the station token counted a signed checkpoint at seq " + head.seq() + " (head "
                        + head.hash() + ") but the newest checkpoint in the database is at seq " + newest
                        + ": the records after it were cut off"));
                continue;
            }
            String hash = hashAt(head.station(), head.seq());
            if (hash != null && !hash.equals(head.hash())) {
                findings.accept(new ChainFinding(FindingKind.CHECKPOINT_MISMATCH, "audit_events", null, head.station(),
                        head.seq(), "the station token counted head " + head.hash() + " at this seq; the chain holds "
                        + hash + " there now"));
            }
        }
        summary.setLength(summary.length() - 1);
        return summary.toString();
    }

    private long newestCheckpoint(String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(max(seq), 0) from audit_checkpoints where station = ?")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String hashAt(String station, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select hash from audit_events where station = ? and seq = ?")) {
            ps.setString(1, station);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
