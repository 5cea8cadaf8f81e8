package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** JDBC mapping of {@code audit_events} rows: one insert and one reader, columns in one place. */
final class EventRows {

    /** The columns read by {@link #read}, to follow {@code select} (with an optional table alias). */
    static final String COLUMNS = "id, station, seq, kind, lot_id, unit_id, at, profile, fixture, serial, uid,"
            + " chip_family, step, status, result, failed_step, error_code, lock_level, locked, cert_sha256, detail,"
            + " prev_hash, hash";

    private static final String INSERT = "insert into audit_events (station, seq, kind, lot_id, unit_id, at,"
            + " profile, fixture, serial, uid, chip_family, step, status, result, failed_step, error_code,"
            + " lock_level, locked, cert_sha256, detail, prev_hash, hash)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private EventRows() {
    }

    static long insert(Connection c, AuditEvent e, long seq, String prevHash, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            int i = 1;
            ps.setString(i++, e.station());
            ps.setLong(i++, seq);
            ps.setString(i++, e.kind().name());
            ps.setString(i++, e.lotId());
            if (e.unitId() == null) {
                ps.setNull(i++, Types.BIGINT);
            } else {
                ps.setLong(i++, e.unitId());
            }
            setInstant(ps, i++, e.at());
            for (String s : new String[] {e.profile(), e.fixture(), e.serial(), e.uid(), e.chipFamily(), e.step(),
                    e.status(), e.result(), e.failedStep(), e.errorCode(), e.lockLevel()}) {
                ps.setString(i++, s);
            }
            if (e.locked() == null) {
                ps.setNull(i++, Types.BOOLEAN);
            } else {
                ps.setBoolean(i++, e.locked());
            }
            ps.setString(i++, e.certSha256());
            ps.setString(i++, e.detail());
            ps.setString(i++, prevHash);
            ps.setString(i, hash);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new audit event", "02000");
                }
                return keys.getLong(1);
            }
        }
    }

    /** Why the row at the cursor cannot be read as an event (an unknown kind, no time), or null when it can. */
    static String unreadable(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        if (kind == null || Arrays.stream(EventKind.values()).noneMatch(k -> k.name().equals(kind))) {
            return "has an unknown kind " + kind + ", so it cannot be an event of the chain";
        }
        if (rs.getObject("at") == null || rs.getString("station") == null) {
            return "has no time or no station, so it cannot be an event of the chain";
        }
        return null;
    }

    /** Reads the row at the result set's cursor; the columns are {@link #COLUMNS}. */
    static ChainedEvent read(ResultSet rs) throws SQLException {
        long unitId = rs.getLong("unit_id");
        Long unit = rs.wasNull() ? null : unitId;
        boolean lockedValue = rs.getBoolean("locked");
        Boolean locked = rs.wasNull() ? null : lockedValue;
        AuditEvent event = new AuditEvent(rs.getString("station"), EventKind.valueOf(rs.getString("kind")),
                rs.getString("lot_id"), unit, getInstant(rs, "at"), rs.getString("profile"), rs.getString("fixture"),
                rs.getString("serial"), rs.getString("uid"), rs.getString("chip_family"), rs.getString("step"),
                rs.getString("status"), rs.getString("result"), rs.getString("failed_step"),
                rs.getString("error_code"), rs.getString("lock_level"), locked, rs.getString("cert_sha256"),
                rs.getString("detail"));
        return new ChainedEvent(rs.getLong("id"), rs.getLong("seq"), rs.getString("prev_hash"), rs.getString("hash"),
                event);
    }

    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
