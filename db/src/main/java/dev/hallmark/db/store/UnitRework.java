package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.EventKind;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A unit whose device was wiped for rework: one chained UNIT_REWORKED event (serial, UID, who, the lock state read
 * before and after) and, in the same transaction, its device's UID claim released, so the device can be provisioned
 * again as a new unit with a new serial and identity. The unit's own rows are left as they were sealed.
 */
final class UnitRework {

    private final ChainLog chain;
    private final UnitPlaces places;

    UnitRework(ChainLog chain, UnitPlaces places) {
        this.chain = chain;
        this.places = places;
    }

    void record(long unitId, String detail) throws ProvisioningException {
        UnitPlaces.Place place = places.of(unitId);
        chain.write(place.station(), "record the rework of unit #" + unitId, (c, log) -> {
            UnitState unit = UnitState.lock(c, unitId);
            if (reworked(c, unitId)) {
                throw new ProvisioningException(ErrorCode.REWORK_REFUSED, "unit " + unit.name()
                        + " was already reworked; provision its device again as a new unit");
            }
            try (PreparedStatement ps = c.prepareStatement("delete from uid_claims where unit_id = ?")) {
                ps.setLong(1, unitId);
                ps.executeUpdate();
            }
            log.append(new AuditEvent(place.station(), EventKind.UNIT_REWORKED, place.lot(), unitId,
                    chain.options().clock().instant(), null, null, unit.serial(), unit.uid(), unit.chipFamily(), null,
                    null, null, null, null, null, null, unit.certSha256(), detail));
            return null;
        });
    }

    static boolean reworked(Connection c, long unitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from audit_events where unit_id = ? and kind = 'UNIT_REWORKED'")) {
            ps.setLong(1, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
