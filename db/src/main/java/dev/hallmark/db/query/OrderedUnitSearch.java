package dev.hallmark.db.query;

import dev.hallmark.db.query.OrderedUnitSql.Part;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Sorted pages of units and their position index ({@link OrderedUnitSql}): a page seeks the index to a mark and
 * then reads at most {@code skip + limit} index entries; the index of marks is built by hopping from mark to mark.
 */
final class OrderedUnitSearch {

    /** The largest skip a page takes: beyond it a caller must seek by a mark. */
    static final long MAX_SKIP = 100_000;

    private OrderedUnitSearch() {
    }

    /** Reads one row of a statement's result. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(OrderedUnitSql sql, ResultSet rs) throws SQLException;
    }

    static List<UnitRecord> page(DataSource source, UnitQuery criteria, UnitOrder order, UnitMark after, long skip,
                                 int limit) throws ProvisioningException {
        Objects.requireNonNull(order, "order");
        if (skip < 0 || skip > MAX_SKIP || limit < 1 || limit > UnitQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("skip " + skip + " must be 0.." + MAX_SKIP + ", limit " + limit
                    + " 1.." + UnitQuery.MAX_LIMIT);
        }
        try (Connection c = source.getConnection()) {
            return read(c, criteria, order, after, skip, limit, OrderedUnitSql::page, (sql, rs) -> UnitRows.unit(rs));
        } catch (SQLException e) {
            throw ReadFailures.of("read " + limit + " units after " + after + " in " + order, e);
        }
    }

    /** The marks at positions every-1, 2·every-1, … of the order: one small seek-and-skip query per mark. */
    static List<UnitMark> marks(DataSource source, UnitQuery criteria, UnitOrder order, int every)
            throws ProvisioningException {
        if (every < 1 || every > MAX_SKIP) {
            throw new IllegalArgumentException("marks every " + every + " units: must be 1.." + MAX_SKIP);
        }
        List<UnitMark> marks = new ArrayList<>();
        try (Connection c = source.getConnection()) {
            UnitMark last = null;
            while (true) {
                List<UnitMark> next = read(c, criteria, order, last, every - 1L, 1, OrderedUnitSql::mark,
                        OrderedUnitSql::markOf);
                if (next.isEmpty()) {
                    return marks;
                }
                last = next.get(0);
                marks.add(last);
                if (Thread.currentThread().isInterrupted()) {
                    throw new SQLException("interrupted while indexing positions", "57014");
                }
            }
        } catch (SQLException e) {
            throw ReadFailures.of("index the positions of " + criteria + " in " + order, e);
        }
    }

    /**
     * Rows after the mark less {@code skip}: for the id order (or no mark) one statement; else the mark's value
     * with greater ids first, and the greater values only if that part runs out (its size is counted then, to
     * carry the rest of the skip over; it holds fewer than {@code skip + limit} units, so the count is short).
     */
    private static <T> List<T> read(Connection c, UnitQuery criteria, UnitOrder order, UnitMark after, long skip,
                                    int limit, java.util.function.Function<OrderedUnitSql, String> statement,
                                    RowReader<T> reader) throws SQLException {
        if (after == null) {
            return rows(c, OrderedUnitSql.of(criteria, order, null, Part.ALL), statement, skip, limit, reader);
        }
        if (order.key() == UnitOrder.Key.ID) {
            return rows(c, OrderedUnitSql.of(criteria, order, after, Part.NEXT_VALUES), statement, skip, limit,
                    reader);
        }
        OrderedUnitSql same = OrderedUnitSql.of(criteria, order, after, Part.SAME_VALUE);
        List<T> found = new ArrayList<>(rows(c, same, statement, skip, limit, reader));
        if (found.size() == limit) {
            return found;
        }
        long sameSize = count(c, same);
        long rest = Math.max(0, skip - sameSize);
        found.addAll(rows(c, OrderedUnitSql.of(criteria, order, after, Part.NEXT_VALUES), statement, rest,
                limit - found.size(), reader));
        return found;
    }

    private static <T> List<T> rows(Connection c, OrderedUnitSql sql,
                                    java.util.function.Function<OrderedUnitSql, String> statement, long skip,
                                    int limit, RowReader<T> reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement.apply(sql))) {
            int next = sql.bind(ps);
            ps.setLong(next, skip);
            ps.setInt(next + 1, limit);
            ps.setFetchSize(limit);
            List<T> found = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && found.size() < limit) {
                    found.add(reader.read(sql, rs));
                }
            }
            return found;
        }
    }

    private static long count(Connection c, OrderedUnitSql sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.count())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
