package dev.hallmark.db.query;

import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a sorted keyset page: the query's criteria, a seek past a {@link UnitMark} in two parts (the
 * mark's value with greater ids, then greater values), each of which a (column, id) index answers by a seek,
 * not a scan, and the order {@code column, id} in one direction. Column names come only from the {@link UnitOrder.Key} whitelist below;
 * values are always bound parameters.
 */
final class OrderedUnitSql {

    private final String where;
    private final List<Object> values;
    private final String order;
    private final String column;

    private OrderedUnitSql(String where, List<Object> values, String order, String column) {
        this.where = where;
        this.values = values;
        this.order = order;
        this.column = column;
    }

    /** Which part of the order after a mark a statement reads. */
    enum Part {
        /** Every unit: no mark. */
        ALL,
        /** Units after the mark with the mark's own value: {@code column = ? and id > ?}. */
        SAME_VALUE,
        /** Units with a value past the mark's: {@code column > ?} (for the id order, {@code id > ?}). */
        NEXT_VALUES
    }

    /**
     * One part of {@code q}'s criteria (its afterId is ignored) after {@code after} in {@code order}. Two parts
     * rather than one row-value comparison: H2 turns only the first column of {@code (column, id) > (?, ?)} into an
     * index condition and would scan every unit with the mark's value; each part here is one index range.
     */
    static OrderedUnitSql of(UnitQuery q, UnitOrder order, UnitMark after, Part part) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        UnitSql.criteria(q, conditions, values);
        String column = column(order.key());
        String cmp = order.descending() ? "<" : ">";
        if (part != Part.ALL) {
            if (column == null) {
                conditions.add("u.id " + cmp + " ?");
                values.add(after.id());
            } else if (part == Part.SAME_VALUE) {
                conditions.add(column + " = ?");
                values.add(value(after));
                conditions.add("u.id " + cmp + " ?");
                values.add(after.id());
            } else {
                conditions.add(column + " " + cmp + " ?");
                values.add(value(after));
            }
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        String dir = order.descending() ? " desc" : "";
        // In id order an equality criterion's (column, id) index sorts the same; naming it lets H2 walk it.
        String lead = column == null && !order.descending() ? UnitSql.leadingColumn(q) : "";
        String by = column == null ? lead + "u.id" + dir : column + dir + ", u.id" + dir;
        return new OrderedUnitSql(where, values, " order by " + by, column);
    }

    private static Object value(UnitMark after) {
        return after.value() instanceof Instant i ? UnitSql.at(i) : (String) after.value();
    }

    /** The whitelist: the one place a sort key becomes a column name; null for the id itself. */
    static String column(UnitOrder.Key key) {
        return switch (key) {
            case ID -> null;
            case STARTED -> "u.started_at";
            case RESULT -> "u.result";
            case STATION -> "u.station";
        };
    }

    /** How many units the part holds (read only when it holds fewer than a page and its skip). */
    String count() {
        return "select count(*) from units u" + where;
    }

    /** Units after the mark: the skip, then the page size, are the last two parameters. */
    String page() {
        return "select " + UnitSql.UNIT_COLUMNS.formatted("u.cert_pem") + " from units u" + where + order
                + " offset ? rows fetch first ? rows only";
    }

    /** The sort value and id of the units the skip lands on (a mark): the skip, then how many (1), are the last parameters. */
    String mark() {
        return "select " + (column == null ? "cast(null as varchar(1))" : column) + " as mark_value, u.id from units u"
                + where + order + " offset ? rows fetch first ? rows only";
    }

    /** Binds criteria and mark values from parameter 1; returns the next free parameter index. */
    int bind(PreparedStatement ps) throws SQLException {
        return UnitSql.bind(ps, values);
    }

    /** The mark of the current row of a {@link #mark()} result. */
    UnitMark markOf(ResultSet rs) throws SQLException {
        Object value = null;
        if (column != null) {
            value = column.equals("u.started_at")
                    ? rs.getObject("mark_value", OffsetDateTime.class).toInstant() : rs.getString("mark_value");
        }
        return new UnitMark(value, rs.getLong("id"));
    }
}
