package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CLAIM: one transaction that takes the device's UID claim and allocates the unit's serial. */
final class UnitClaims {

    private static final Logger LOG = LoggerFactory.getLogger(UnitClaims.class);

    private final Sql sql;
    private final ChainLog chain;
    private final UnitPlaces places;

    UnitClaims(Sql sql, ChainLog chain, UnitPlaces places) {
        this.sql = sql;
        this.chain = chain;
        this.places = places;
    }

    /** Claims in one transaction, chained as UNIT_CLAIMED; a claim run again for the same device adds no event. */
    String claim(long unitId, DeviceUid uid, String chipFamily, String prefix) throws ProvisioningException {
        String uidHex = uid.hex();
        UnitPlaces.Place place = places.of(unitId);
        ensureCounter(prefix);
        String serial = chain.write(place.station(), "claim device " + uidHex + " for unit #" + unitId, (c, log) -> {
            UnitState unit = UnitState.lock(c, unitId);
            if (unit.serial() != null) {
                return alreadyClaimed(unit, uidHex, chipFamily);
            }
            unit.requireOpen("claim");
            LotSlot.Lot lot = LotSlot.lock(c, place.lot());
            if (lot != null) {
                LotSlot.take(c, lot);
            }
            insertClaim(c, unitId, uidHex, chipFamily);
            String fromLot = lot == null ? null : LotSlot.serial(c, lot, unitId, key -> {
                ensureCounterIn(c, key);
                return nextValue(c, key);
            });
            String allocated = fromLot != null ? fromLot
                    : prefix + String.format(Locale.ROOT, "%06d", nextValue(c, prefix));
            try (PreparedStatement ps = c.prepareStatement(
                    "update units set serial = ?, uid = ?, chip_family = ? where id = ?")) {
                ps.setString(1, allocated);
                ps.setString(2, uidHex);
                ps.setString(3, chipFamily);
                ps.setLong(4, unitId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Sql.isUniqueViolation(e)) {
                    throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE,
                            "serial " + allocated + " is already recorded for another unit", e.getSQLState(), e);
                }
                throw e;
            }
            log.append(AuditEvent.unitClaimed(place.station(), place.lot(), unitId,
                    chain.options().clock().instant(), allocated, uidHex, chipFamily));
            return allocated;
        });
        LOG.info("unit #{} claimed device {} ({}) as serial {}", unitId, uidHex, chipFamily, serial);
        return serial;
    }

    /** A claim run again for the same device (a resumed unit) returns the serial it already has. */
    private static String alreadyClaimed(UnitState unit, String uidHex, String chipFamily)
            throws ProvisioningException {
        if (uidHex.equals(unit.uid()) && chipFamily.equals(unit.chipFamily())) {
            return unit.serial();
        }
        throw new ProvisioningException(ErrorCode.INTERNAL, "unit " + unit.serial() + " already claimed device "
                + unit.uid() + " and cannot claim device " + uidHex);
    }

    private static void insertClaim(Connection c, long unitId, String uidHex, String chipFamily)
            throws SQLException, ProvisioningException {
        Savepoint beforeInsert = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(
                "insert into uid_claims (chip_family, uid, unit_id) values (?, ?, ?)")) {
            ps.setString(1, chipFamily);
            ps.setString(2, uidHex);
            ps.setLong(3, unitId);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(beforeInsert);
            String holder = holder(c, uidHex, chipFamily);
            String message = holder == null
                    ? "device " + uidHex + " was claimed by another unit a moment ago"
                    : "device " + uidHex + " is already claimed by unit " + holder;
            throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, message, e.getSQLState(), e);
        }
        c.releaseSavepoint(beforeInsert);
    }

    private static String holder(Connection c, String uidHex, String chipFamily) throws SQLException {
        String sql = "select u.id, u.serial from uid_claims k join units u on u.id = k.unit_id"
                + " where k.chip_family = ? and k.uid = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chipFamily);
            ps.setString(2, uidHex);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String serial = rs.getString("serial");
                return serial != null ? serial : "#" + rs.getLong("id");
            }
        }
    }

    /** Takes the counter row's lock with the update, then reads the value this transaction now owns. */
    private static long nextValue(Connection c, String prefix) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "update serial_counters set next_value = next_value + 1 where prefix = ?")) {
            up.setString(1, prefix);
            if (up.executeUpdate() != 1) {
                throw new SQLException("no serial counter for prefix " + prefix, "02000");
            }
        }
        try (PreparedStatement q = c.prepareStatement("select next_value from serial_counters where prefix = ?")) {
            q.setString(1, prefix);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) - 1;
            }
        }
    }

    /** Creates a lot pattern's counter at 1 inside the claim; a concurrent creation is as good as ours. */
    private static void ensureCounterIn(Connection c, String key) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("insert into serial_counters (prefix, next_value)"
                + " select ?, 1 where not exists (select 1 from serial_counters where prefix = ?)")) {
            ps.setString(1, key);
            ps.setString(2, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(before);
            return;
        }
        c.releaseSavepoint(before);
    }

    /** Creates the prefix's counter at 1 in its own transaction; a concurrent creation is as good as ours. */
    private void ensureCounter(String prefix) throws ProvisioningException {
        sql.autoCommit("create the serial counter for prefix " + prefix, c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into serial_counters (prefix, next_value)"
                    + " select ?, 1 where not exists (select 1 from serial_counters where prefix = ?)")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix);
                return ps.executeUpdate();
            } catch (SQLException e) {
                if (Sql.isUniqueViolation(e)) {
                    return 0;
                }
                throw e;
            }
        });
    }
}
