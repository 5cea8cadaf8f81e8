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

    /**
     * Why the row at the cursor cannot be read as an event (an unknown kind, no time), or null when it can; the
     * columns are {@link #COLUMNS}, read by position (a look-up by name per column was a tenth of the walk).
     */
    static String unreadable(ResultSet rs) throws SQLException {
        String kind = rs.getString(4);
        if (kind == null || Arrays.stream(EventKind.values()).noneMatch(k -> k.name().equals(kind))) {
            return "has an unknown kind " + kind + ", so it cannot be an event of the chain";
        }
        if (rs.getObject(7) == null || rs.getString(2) == null) {
            return "has no time or no station, so it cannot be an event of the chain";
        }
        return null;
    }

    /** Reads the row at the result set's cursor; the columns are {@link #COLUMNS}, read by position. */
    static ChainedEvent read(ResultSet rs) throws SQLException {
        long unitId = rs.getLong(6);
        Long unit = rs.wasNull() ? null : unitId;
        boolean lockedValue = rs.getBoolean(19);
        Boolean locked = rs.wasNull() ? null : lockedValue;
        OffsetDateTime at = rs.getObject(7, OffsetDateTime.class);
        AuditEvent event = new AuditEvent(rs.getString(2), EventKind.valueOf(rs.getString(4)), rs.getString(5), unit,
                at == null ? null : at.toInstant(), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18), locked, rs.getString(20), rs.getString(21));
        return new ChainedEvent(rs.getLong(1), rs.getLong(3), rs.getString(22), rs.getString(23), event);
    }

    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
