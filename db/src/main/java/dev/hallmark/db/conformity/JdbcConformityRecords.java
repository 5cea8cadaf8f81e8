package dev.hallmark.db.conformity;

import dev.hallmark.db.access.Jdbc;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ConformityRecords;
import dev.hallmark.engine.port.ControlEvidence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The unit_controls table (V5): the controls applied to each unit and their evidence. */
public final class JdbcConformityRecords implements ConformityRecords {

    private static final int EVIDENCE_MAX = 4000;

    private final Jdbc jdbc;

    public JdbcConformityRecords(DataSource source) {
        this.jdbc = new Jdbc(source);
    }

    @Override
    public void record(List<ControlEvidence> controls) throws ProvisioningException {
        if (controls.isEmpty()) {
            return;
        }
        jdbc.transaction("record the conformity evidence of unit " + controls.get(0).unitId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into unit_controls (unit_id, control, satisfied,"
                    + " evidence, recorded_at) values (?, ?, ?, ?, ?)")) {
                for (ControlEvidence e : controls) {
                    ps.setLong(1, e.unitId());
                    ps.setString(2, e.control());
                    ps.setBoolean(3, e.satisfied());
                    ps.setString(4, e.evidence().length() <= EVIDENCE_MAX ? e.evidence()
                            : e.evidence().substring(0, EVIDENCE_MAX - 1) + "…");
                    ps.setObject(5, Jdbc.timestamp(e.at()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<Long, List<ControlEvidence>> controls(String lot) throws ProvisioningException {
        return jdbc.transaction("read the conformity evidence of lot " + lot, c -> {
            Map<Long, List<ControlEvidence>> byUnit = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select uc.unit_id, uc.control, uc.satisfied, uc.evidence,"
                    + " uc.recorded_at from unit_controls uc join units u on u.id = uc.unit_id where u.lot_id = ?"
                    + " order by uc.unit_id, uc.id")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ControlEvidence e = new ControlEvidence(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                                rs.getString(4), Jdbc.instant(rs, "recorded_at"));
                        byUnit.computeIfAbsent(e.unitId(), id -> new ArrayList<>()).add(e);
                    }
                }
            }
            return byUnit;
        });
    }
}
