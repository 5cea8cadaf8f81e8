package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which station and lot a unit belongs to, so a write knows whose chain to lock before its transaction starts.
 * Both are written once when the unit begins; recent units are remembered.
 */
final class UnitPlaces {

    /** A unit's station and lot. */
    record Place(String station, String lot) {
    }

    private static final int REMEMBERED = 4096;

    private final Sql sql;
    private final Map<Long, Place> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Place> eldest) {
            return size() > REMEMBERED;
        }
    };

    UnitPlaces(Sql sql) {
        this.sql = sql;
    }

    /** The unit's place; a unit that does not exist cannot be written to (AUDIT_WRITE_FAILED). */
    Place of(long unitId) throws ProvisioningException {
        synchronized (recent) {
            Place known = recent.get(unitId);
            if (known != null) {
                return known;
            }
        }
        Place place = sql.autoCommit("find unit #" + unitId, c -> {
            try (PreparedStatement ps = c.prepareStatement("select station, lot_id from units where id = ?")) {
                ps.setLong(1, unitId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the audit database could not"
                                + " write to unit #" + unitId + " because it has no such unit");
                    }
                    return new Place(rs.getString(1), rs.getString(2));
                }
            }
        });
        remember(unitId, place);
        return place;
    }

    void remember(long unitId, Place place) {
        synchronized (recent) {
            recent.put(unitId, place);
        }
    }
}
