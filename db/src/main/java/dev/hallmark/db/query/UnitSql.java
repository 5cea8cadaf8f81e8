package dev.hallmark.db.query;

import dev.hallmark.db.store.UnitChainFacts;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for a {@link UnitQuery}: a where clause of fixed text with one {@code ?} per criterion, its values
 * in order, and an order that is the id order but lets the database walk an index instead of sorting.
 */
final class UnitSql {

    /** The unit columns, in {@link UnitRows} order; {@code %s} is the certificate column or a typed null. */
    static final String UNIT_COLUMNS = "u.id, u.lot_id, u.serial, u.uid, u.chip_family, u.result,"
            + " u.failed_step, u.error_code, u.cause, %s as cert_pem, u.cert_sha256, u.station, u.fixture,"
            + " u.started_at, u.finished_at, " + UnitChainFacts.columns("u");
    private static final String EVIDENCE_COLUMNS = ", e.level as lock_level, e.locked as lock_locked,"
            + " e.observations as lock_observations";
    private static final String NO_CERTIFICATE = "cast(null as varchar(8000))";

    private final String where;
    private final List<Object> values;
    private final String order;

    private UnitSql(String where, List<Object> values, String order) {
        this.where = where;
        this.values = values;
        this.order = order;
    }

    static UnitSql of(UnitQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        criteria(q, conditions, values);
        // Always present, 0 on a first page: the (column, id) indexes then serve equality and range together.
        conditions.add("u.id > ?");
        values.add(q.afterId());
        String where = " where " + String.join(" and ", conditions);
        return new UnitSql(where, values, " order by " + leadingColumn(q) + "u.id");
    }

    /** Adds the query's criteria (not its afterId) as conditions with one {@code ?} each, and their values. */
    static void criteria(UnitQuery q, List<String> conditions, List<Object> values) {
        add(conditions, values, "u.serial = ?", q.serial());
        add(conditions, values, "u.uid = ?", q.uid());
        add(conditions, values, "u.lot_id = ?", q.lot());
        add(conditions, values, "u.station = ?", q.station());
        add(conditions, values, "u.result = ?", q.result() == null ? null : q.result().name());
        add(conditions, values, "u.failed_step = ?", q.failedStep() == null ? null : q.failedStep().name());
        add(conditions, values, "u.started_at >= ?", at(q.startedFrom()));
        add(conditions, values, "u.started_at < ?", at(q.startedBefore()));
        if (q.operator() != null) {
            // No column records the operator yet: the criterion is accepted and matches nothing (UnitQuery).
            conditions.add("1 = 0");
        }
    }

    /**
     * An equality criterion with an index on (column, id) sorts the same as the id alone; naming the column
     * first lets H2 read that index in order (PostgreSQL finds this by itself) and stream instead of sort.
     */
    static String leadingColumn(UnitQuery q) {
        if (q.serial() != null || q.uid() != null) {
            return "";
        }
        if (q.lot() != null) {
            return "u.lot_id, ";
        }
        if (q.station() != null) {
            return "u.station, ";
        }
        if (q.failedStep() != null) {
            return "u.failed_step, ";
        }
        return q.result() != null ? "u.result, " : "";
    }

    /** One page of units, without lock evidence. */
    String page() {
        return "select " + UNIT_COLUMNS.formatted("u.cert_pem") + " from units u" + where + order
                + " fetch first ? rows only";
    }

    /** One page of units from a position: the offset, then the page size, are the last two parameters. */
    String pageAt() {
        return "select " + UNIT_COLUMNS.formatted("u.cert_pem") + " from units u" + where + order
                + " offset ? rows fetch first ? rows only";
    }

    /** How many units match after the query's afterId, regardless of its limit. */
    String count() {
        return "select count(*) from units u" + where;
    }

    /** One batch of a cursor: units with their lock evidence, the batch size the last parameter. */
    String batch(boolean withCertificates) {
        return "select " + UNIT_COLUMNS.formatted(withCertificates ? "u.cert_pem" : NO_CERTIFICATE)
                + EVIDENCE_COLUMNS + " from units u left join lock_evidence e on e.unit_id = u.id" + where + order
                + " fetch first ? rows only";
    }

    /** Binds the criteria's values from parameter 1; returns the next free parameter index. */
    int bind(PreparedStatement ps) throws SQLException {
        return bind(ps, values);
    }

    /** Binds {@code values} (text, long or timestamp) from parameter 1; returns the next free parameter index. */
    static int bind(PreparedStatement ps, List<Object> values) throws SQLException {
        int i = 1;
        for (Object value : values) {
            if (value instanceof Long l) {
                ps.setLong(i++, l);
            } else if (value instanceof OffsetDateTime t) {
                ps.setObject(i++, t);
            } else {
                ps.setString(i++, (String) value);
            }
        }
        return i;
    }

    private static void add(List<String> conditions, List<Object> values, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.add(value);
        }
    }

    /** As the store writes instants: timestamp with time zone, UTC, microseconds. */
    static OffsetDateTime at(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
