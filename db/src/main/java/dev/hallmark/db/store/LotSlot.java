package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SerialScheme;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The lot's half of CLAIM, inside the claim's transaction: the lot row is locked (so claims of one lot are taken one
 * after the other, across stations on PostgreSQL), a closed lot or a full one is refused, the claim is counted, and
 * the serial comes from the lot's scheme. A FAILED seal gives the count back ({@link #release}).
 */
final class LotSlot {

    /** The lot row as CLAIM reads it. */
    record Lot(String id, Long quota, long claimed, String pattern, boolean manifest, boolean closed) {
        boolean planned() {
            return quota != null;
        }
    }

    private LotSlot() {
    }

    /** Locks and reads the lot row; null for a lot without a row (never the case after begin). */
    static Lot lock(Connection c, String lot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select quota, claimed, serial_pattern, manifest_sha256,"
                + " closed_at from lots where id = ? for update")) {
            ps.setString(1, lot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Long quota = rs.getObject(1) == null ? null : rs.getLong(1);
                return new Lot(lot, quota, rs.getLong(2), rs.getString(3), rs.getString(4) != null,
                        rs.getObject(5) != null);
            }
        }
    }

    /** Refuses a closed or full lot, then counts the claim; the check constraint refuses it too if the count lies. */
    static void take(Connection c, Lot lot) throws SQLException, ProvisioningException {
        if (lot.closed()) {
            throw new ProvisioningException(ErrorCode.LOT_CLOSED, "lot " + lot.id() + " is closed");
        }
        if (lot.planned() && lot.claimed() >= lot.quota()) {
            throw new ProvisioningException(ErrorCode.LOT_QUOTA_REACHED, "lot " + lot.id() + " already holds "
                    + lot.claimed() + " of its " + lot.quota() + " units (passed or under way)");
        }
        try (PreparedStatement ps = c.prepareStatement("update lots set claimed = claimed + 1 where id = ?")) {
            ps.setString(1, lot.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new ProvisioningException(ErrorCode.LOT_QUOTA_REACHED, "lot " + lot.id()
                        + " is at its quota of " + lot.quota() + " units", e.getSQLState(), e);
            }
            throw e;
        }
    }

    /** The next serial of a lot with a pattern or manifest, or null for a lot that uses the profile's prefix. */
    static String serial(Connection c, Lot lot, long unitId, CounterSource counters) throws SQLException,
            ProvisioningException {
        if (lot.manifest()) {
            return fromManifest(c, lot, unitId);
        }
        if (lot.pattern() != null) {
            SerialScheme scheme = SerialScheme.pattern(lot.pattern());
            return scheme.format(counters.next(scheme.counterKey()));
        }
        return null;
    }

    /** Draws the next value of a serial counter inside the claim's transaction. */
    @FunctionalInterface
    interface CounterSource {
        long next(String key) throws SQLException, ProvisioningException;
    }

    private static String fromManifest(Connection c, Lot lot, long unitId) throws SQLException, ProvisioningException {
        long position;
        String serial;
        try (PreparedStatement ps = c.prepareStatement("select position, serial from lot_serials where lot_id = ?"
                + " and unit_id is null order by position fetch first 1 rows only")) {
            ps.setString(1, lot.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ProvisioningException(ErrorCode.LOT_SERIALS_EXHAUSTED,
                            "every serial of the manifest of lot " + lot.id() + " is taken");
                }
                position = rs.getLong(1);
                serial = rs.getString(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update lot_serials set unit_id = ? where lot_id = ? and position = ?")) {
            ps.setLong(1, unitId);
            ps.setString(2, lot.id());
            ps.setLong(3, position);
            ps.executeUpdate();
        }
        return serial;
    }

    /** A unit sealed FAILED no longer counts towards its lot's quota. */
    static void release(Connection c, String lot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update lots set claimed = claimed - 1 where id = ? and claimed > 0")) {
            ps.setString(1, lot);
            ps.executeUpdate();
        }
    }
}
