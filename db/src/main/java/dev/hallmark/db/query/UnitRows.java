package dev.hallmark.db.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads the current row of a {@link UnitSql} result into the engine's records: the one place rows are mapped. */
final class UnitRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private UnitRows() {
    }

    static UnitRecord unit(ResultSet rs) throws SQLException {
        return new UnitRecord(rs.getLong("id"), rs.getString("lot_id"), rs.getString("serial"), rs.getString("uid"),
                rs.getString("chip_family"), UnitResult.valueOf(rs.getString("result")), rs.getString("failed_step"),
                rs.getString("error_code"), rs.getString("cause"), rs.getString("cert_pem"),
                rs.getString("cert_sha256"), rs.getString("station"), rs.getString("fixture"),
                instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "reworked_at"),
                rs.getBoolean("cert_revoked"));
    }

    /** The unit with the lock evidence of the cursor's left join; null columns mean none was recorded. */
    static AuditedUnit audited(ResultSet rs) throws SQLException {
        String level = rs.getString("lock_level");
        LockEvidence evidence = level == null ? null : new LockEvidence(LockLevel.valueOf(level),
                rs.getBoolean("lock_locked"), observations(rs.getString("lock_observations")));
        return new AuditedUnit(unit(rs), evidence);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Observations are stored as a JSON array of strings (see the store's UnitEvidence). */
    private static List<String> observations(String json) throws SQLException {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored lock observations are not a JSON array: " + e.getOriginalMessage(),
                    "22000", e);
        }
    }
}
