package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Appends events to a station's chain inside the caller's transaction. The station's head row in
 * {@code audit_chain_heads} is read under a row lock, so appends of one station are serialised across processes;
 * callers also hold a lock per station in their process, so the row lock is rarely contended.
 */
public final class ChainAppender {

    private ChainAppender() {
    }

    /** Creates the station's head at seq 0 if it has none, in its own statement; a concurrent creation is as good. */
    public static void ensureHead(Connection c, String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_chain_heads (station, seq, hash)"
                + " select ?, 0, ? where not exists (select 1 from audit_chain_heads where station = ?)")) {
            ps.setString(1, station);
            ps.setString(2, ChainFormat.GENESIS);
            ps.setString(3, station);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** Appends the event after the station's head and moves the head; the caller commits or rolls back. */
    public static ChainedEvent append(Connection c, AuditEvent event) throws SQLException {
        Head head = lockHead(c, event.station());
        long seq = head.seq() + 1;
        String hash = ChainFormat.eventHash(event, seq, head.hash());
        long id = EventRows.insert(c, event, seq, head.hash(), hash);
        try (PreparedStatement ps = c.prepareStatement(
                "update audit_chain_heads set seq = ?, hash = ? where station = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.setString(3, event.station());
            ps.executeUpdate();
        }
        return new ChainedEvent(id, seq, head.hash(), hash, event);
    }

    /** The station's head, row-locked until the transaction ends. */
    static Head lockHead(Connection c, String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, hash from audit_chain_heads where station = ? for update")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("station " + station + " has no chain head; ensureHead first", "02000");
                }
                return new Head(rs.getLong(1), rs.getString(2));
            }
        }
    }

    /** A station's chain head: the last event's seq and hash (0 and {@link ChainFormat#GENESIS} when empty). */
    record Head(long seq, String hash) {
    }
}
