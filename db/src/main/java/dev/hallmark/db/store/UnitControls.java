package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainedEvent;
import dev.hallmark.db.chain.EventKind;
import dev.hallmark.db.records.ControlRows;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ControlEvidence;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unit_controls rows of a unit, written in one chained transaction with the CONTROLS_RECORDED event that lists
 * their hashes; each row names that event, so the station's next signed checkpoint vouches for them.
 */
final class UnitControls {

    private final ChainLog chain;
    private final UnitPlaces places;

    UnitControls(ChainLog chain, UnitPlaces places) {
        this.chain = chain;
        this.places = places;
    }

    void record(List<ControlEvidence> controls) throws ProvisioningException {
        Map<Long, List<ControlEvidence>> byUnit = new LinkedHashMap<>();
        controls.forEach(e -> byUnit.computeIfAbsent(e.unitId(), id -> new ArrayList<>()).add(e));
        for (Map.Entry<Long, List<ControlEvidence>> unit : byUnit.entrySet()) {
            List<ControlEvidence> rows = unit.getValue();
            for (int from = 0; from < rows.size(); from += ControlRows.MAX_ROWS) {
                recordUnit(unit.getKey(), rows.subList(from, Math.min(rows.size(), from + ControlRows.MAX_ROWS)));
            }
        }
    }

    private void recordUnit(long unitId, List<ControlEvidence> rows) throws ProvisioningException {
        UnitPlaces.Place place = places.of(unitId);
        List<String> hashes = new ArrayList<>(rows.size());
        List<ControlEvidence> stored = new ArrayList<>(rows.size());
        for (ControlEvidence e : rows) {
            ControlEvidence s = new ControlEvidence(unitId, e.control(), e.satisfied(), ControlRows.stored(e.evidence()),
                    e.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            stored.add(s);
            hashes.add(ControlRows.rowHash(unitId, s.control(), s.satisfied(), s.evidence(), s.at()));
        }
        chain.write(place.station(), "record the conformity evidence of unit #" + unitId, (c, log) -> {
            ChainedEvent event = log.append(new AuditEvent(place.station(), EventKind.CONTROLS_RECORDED, place.lot(),
                    unitId, chain.options().clock().instant(), null, null, null, null, null, null, null, null, null,
                    null, null, null, null, ControlRows.detail(hashes)));
            try (PreparedStatement ps = c.prepareStatement("insert into unit_controls (unit_id, control, satisfied,"
                    + " evidence, recorded_at, event_id) values (?, ?, ?, ?, ?, ?)")) {
                for (ControlEvidence s : stored) {
                    ps.setLong(1, unitId);
                    ps.setString(2, s.control());
                    ps.setBoolean(3, s.satisfied());
                    ps.setString(4, s.evidence());
                    Sql.setInstant(ps, 5, s.at());
                    ps.setLong(6, event.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
