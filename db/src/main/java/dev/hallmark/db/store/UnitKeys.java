package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainedEvent;
import dev.hallmark.db.chain.KeyDetail;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key references: the unit's key pair recorded after KEYGEN, chained as KEY_RECORDED and mirrored in
 * {@code key_references}. {@code public_keys} gives each public key to one device, so the database itself refuses a
 * key another device holds — before any certificate is requested for it — while a device's later attempt may use
 * the key its earlier attempt left in it (on-device custody).
 */
final class UnitKeys {

    private static final Logger LOG = LoggerFactory.getLogger(UnitKeys.class);
    private static final int PUBLIC_KEY_WIDTH = 2048;

    private final ChainLog chain;
    private final UnitPlaces places;

    UnitKeys(ChainLog chain, UnitPlaces places) {
        this.chain = chain;
        this.places = places;
    }

    void recordKey(long unitId, KeyReference key) throws ProvisioningException {
        if (key.publicKey().length() > PUBLIC_KEY_WIDTH) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the public key of unit #" + unitId
                    + " has " + key.publicKey().length() + " characters, more than the " + PUBLIC_KEY_WIDTH
                    + " the database holds");
        }
        UnitPlaces.Place place = places.of(unitId);
        boolean added = chain.write(place.station(), "record the key of unit #" + unitId, (c, log) -> {
            UnitState unit = UnitState.lock(c, unitId).requireOpen("key");
            if (unit.uid() == null) {
                throw new ProvisioningException(ErrorCode.INTERNAL, "unit #" + unitId
                        + " has not claimed a device, so its key cannot be recorded");
            }
            if (recordedFor(c, unitId, key.publicKeySha256())) {
                return false;
            }
            claimKey(c, unit, key);
            Instant now = chain.options().clock().instant();
            ChainedEvent event = log.append(AuditEvent.keyRecorded(place.station(), place.lot(), unitId, now,
                    detail(key)));
            insert(c, unitId, key, now, event.id());
            return true;
        });
        if (added) {
            LOG.info("unit #{}: key {} recorded, public key sha256 {}", unitId, key.alias(), key.publicKeySha256());
        }
    }

    static String detail(KeyReference k) {
        return KeyDetail.of(k.tokenLabel(), k.tokenSerial(), k.alias(), k.ckaId(), k.keyType().name(),
                k.publicKeySha256(), k.publicKey(), k.policy() == null ? null : k.policy().name(), k.sensitive(),
                k.extractable(), k.neverExtractable(), k.observed());
    }

    private static void insert(Connection c, long unitId, KeyReference k, Instant at, long eventId)
            throws SQLException, ProvisioningException {
        String sql = "insert into key_references (unit_id, token_label, token_serial, key_alias, cka_id, key_type,"
                + " public_key_sha256, public_key, key_policy, sensitive, extractable, never_extractable, observed,"
                + " recorded_at, event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, unitId);
            ps.setString(i++, k.tokenLabel());
            ps.setString(i++, k.tokenSerial());
            ps.setString(i++, k.alias());
            ps.setString(i++, k.ckaId());
            ps.setString(i++, k.keyType().name());
            ps.setString(i++, k.publicKeySha256());
            ps.setString(i++, k.publicKey());
            ps.setString(i++, k.policy() == null ? null : k.policy().name());
            for (Boolean b : new Boolean[] {k.sensitive(), k.extractable(), k.neverExtractable()}) {
                if (b == null) {
                    ps.setNull(i++, Types.BOOLEAN);
                } else {
                    ps.setBoolean(i++, b);
                }
            }
            ps.setBoolean(i++, k.observed());
            Sql.setInstant(ps, i++, at);
            ps.setLong(i, eventId);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw duplicate(c, k, null, e);
            }
            throw e;
        }
    }

    private static boolean recordedFor(Connection c, long unitId, String publicKeySha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from key_references where unit_id = ? and public_key_sha256 = ?")) {
            ps.setLong(1, unitId);
            ps.setString(2, publicKeySha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The key belongs to the unit's device from now on: a key first seen is claimed for the device; a key of the
     * same device (an earlier attempt's key, left in the device) is its own; a key of another device is refused.
     */
    private static void claimKey(Connection c, UnitState unit, KeyReference key)
            throws SQLException, ProvisioningException {
        try (PreparedStatement ps = c.prepareStatement(
                "select chip_family, uid from public_keys where public_key_sha256 = ?")) {
            ps.setString(1, key.publicKeySha256());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (unit.chipFamily().equals(rs.getString(1)) && unit.uid().equals(rs.getString(2))) {
                        return;
                    }
                    throw duplicate(c, key, holder(c, key.publicKeySha256()), null);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into public_keys (public_key_sha256, chip_family, uid) values (?, ?, ?)")) {
            ps.setString(1, key.publicKeySha256());
            ps.setString(2, unit.chipFamily());
            ps.setString(3, unit.uid());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw duplicate(c, key, null, e);
            }
            throw e;
        }
    }

    private static Long holder(Connection c, String publicKeySha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select min(unit_id) from key_references where public_key_sha256 = ?")) {
            ps.setString(1, publicKeySha256);
            try (ResultSet rs = ps.executeQuery()) {
                long id = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() || id == 0 ? null : id;
            }
        }
    }

    /** AUDIT_DUPLICATE naming the unit that holds the key (found before the insert, or by the constraint). */
    private static ProvisioningException duplicate(Connection c, KeyReference k, Long holder, SQLException cause) {
        String who = holder == null ? "another unit" : "unit #" + holder;
        if (holder != null) {
            try (PreparedStatement ps = c.prepareStatement("select serial from units where id = ?")) {
                ps.setLong(1, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        who = "unit " + rs.getString(1);
                    }
                }
            } catch (SQLException e) {
                LOG.debug("the holder of public key {} could not be named", k.publicKeySha256(), e);
            }
        }
        return new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, "public key sha256 " + k.publicKeySha256()
                + " is already recorded for " + who + " of another device; no certificate was requested for it",
                cause == null ? null : cause.getSQLState(), cause);
    }
}
