package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a large table in the order of a unique numeric key with short statements, {@value #BATCH} rows each
 * ({@code ... key > ? order by key fetch first ? rows only}), starting after the last key the previous one saw. H2
 * materialises a whole result before its first row unless lazy execution is on (which H2 2.3.232 cannot be trusted
 * with under a long scan: see {@code UnitCursor}), and a result of millions of rows goes to a temporary file; a
 * batch is read from the key's index and never sorted. Inside the verifier's snapshot transaction every batch
 * sees the same snapshot, so the batches together are one consistent read.
 */
final class KeysetScan {

    /** Rows per statement. */
    static final int BATCH = 10_000;

    /** Binds the statement's own parameters, which come before the key and the limit; returns the next index. */
    @FunctionalInterface
    interface Binder {
        int bind(PreparedStatement ps) throws SQLException;
    }

    /** Takes one row at the cursor. */
    @FunctionalInterface
    interface Visitor {
        void visit(ResultSet rs) throws SQLException;
    }

    private KeysetScan() {
    }

    /**
     * Visits every row of {@code sql} in key order. {@code sql} holds {@code %s} where the key's comparison goes
     * ({@code key %s ?}) and ends with {@code order by key fetch first ? rows only}; {@code key} is the column the
     * rows are ordered by. The first statement takes keys from {@code from} inclusive, the later ones after the last
     * key seen.
     */
    static void run(Connection c, String sql, String key, Binder binder, long from, Visitor visitor)
            throws SQLException {
        try (PreparedStatement first = c.prepareStatement(String.format(sql, ">="));
             PreparedStatement next = c.prepareStatement(String.format(sql, ">"))) {
            PreparedStatement ps = first;
            long after = from;
            while (true) {
                int i = binder.bind(ps);
                ps.setLong(i++, after);
                ps.setInt(i, BATCH);
                ps.setFetchSize(BATCH);
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        after = rs.getLong(key);
                        visitor.visit(rs);
                    }
                }
                if (rows < BATCH) {
                    return;
                }
                ps = next;
            }
        }
    }

    /** A binder for statements without parameters of their own. */
    static int none(PreparedStatement ps) {
        return 1;
    }
}
