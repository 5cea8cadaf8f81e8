package dev.hallmark.db.conformity;

import dev.hallmark.db.access.Jdbc;
import dev.hallmark.db.store.JdbcAuditStore;
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

/** The unit_controls table (V5, chained since V8): the controls applied to each unit and their evidence. */
public final class JdbcConformityRecords implements ConformityRecords {

    private final Jdbc jdbc;
    private final JdbcAuditStore store;

    /** Reads and writes through the audit store, which chains each unit's rows (decision 0014). */
    public JdbcConformityRecords(DataSource source, JdbcAuditStore store) {
        this.jdbc = new Jdbc(source);
        this.store = store;
    }

    /** Reads only; {@link #record} refuses, since rows written without their chain event would not be vouched for. */
    public JdbcConformityRecords(DataSource source) {
        this(source, null);
    }

    @Override
    public void record(List<ControlEvidence> controls) throws ProvisioningException {
        if (controls.isEmpty()) {
            return;
        }
        if (store == null) {
            throw new IllegalStateException("conformity evidence is written through the audit store"
                    + " (new JdbcConformityRecords(source, store)), so the audit chain vouches for it");
        }
        store.recordControls(controls);
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
