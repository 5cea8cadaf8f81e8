package dev.hallmark.db.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read side of the audit store: units, journals and lock evidence, mapped to the engine's records. */
final class UnitQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private static final String UNIT_COLUMNS = "select id, lot_id, serial, uid, chip_family, result, failed_step,"
            + " error_code, cause, cert_pem, cert_sha256, station, fixture, started_at, finished_at, "
            + UnitChainFacts.columns("units") + " from units";
    private static final String ORDER = " order by started_at, id";

    private UnitQueries() {
    }

    static List<UnitRecord> units(Connection c, String lot) throws SQLException {
        String sql = lot == null ? UNIT_COLUMNS + ORDER : UNIT_COLUMNS + " where lot_id = ?" + ORDER;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (lot != null) {
                ps.setString(1, lot);
            }
            return readUnits(ps);
        }
    }

    /** The resume query: the station's units never sealed, of one lot or (null) of all, oldest first. */
    static List<UnitRecord> unfinished(Connection c, String station, String lot) throws SQLException {
        String sql = UNIT_COLUMNS + " where station = ? and result = 'IN_PROGRESS'"
                + (lot == null ? "" : " and lot_id = ?") + " order by id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, station);
            if (lot != null) {
                ps.setString(2, lot);
            }
            return readUnits(ps);
        }
    }

    static Optional<UnitRecord> unit(Connection c, long unitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNIT_COLUMNS + " where id = ?")) {
            ps.setLong(1, unitId);
            return readUnits(ps).stream().findFirst();
        }
    }

    static Optional<UnitRecord> unitBySerial(Connection c, String serial) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNIT_COLUMNS + " where serial = ?")) {
            ps.setString(1, serial);
            return readUnits(ps).stream().findFirst();
        }
    }

    static List<UnitRecord> unitsByUid(Connection c, String uidHex) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNIT_COLUMNS + " where uid = ?" + ORDER)) {
            ps.setString(1, uidHex);
            return readUnits(ps);
        }
    }

    static List<StepEvent> events(Connection c, long unitId) throws SQLException {
        String sql = "select step, status, at, detail from step_events where unit_id = ? order by id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unitId);
            List<StepEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StepEvent(Step.valueOf(rs.getString("step")),
                            StepStatus.valueOf(rs.getString("status")), Sql.getInstant(rs, "at"),
                            rs.getString("detail")));
                }
            }
            return out;
        }
    }

    /** The detail of the unit's UNIT_REWORKED event (who, approver, port, lock states), empty when not reworked. */
    static Optional<String> reworkNote(Connection c, long unitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select detail from audit_events where unit_id = ?"
                + " and kind = 'UNIT_REWORKED' order by id fetch first 1 rows only")) {
            ps.setLong(1, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The label scanned to start the unit (V7), empty when no scan started it. */
    static Optional<String> scanLabel(Connection c, long unitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select scan_label from units where id = ?")) {
            ps.setLong(1, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<LockEvidence> lockEvidence(Connection c, long unitId) throws SQLException {
        String sql = "select level, locked, observations from lock_evidence where unit_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockEvidence(LockLevel.valueOf(rs.getString("level")),
                        rs.getBoolean("locked"), decodeObservations(rs.getString("observations"))));
            }
        }
    }

    static List<UnitCertificate> certificates(Connection c, long unitId) throws SQLException {
        String sql = "select m.id, m.cert_sha256, m.cert_pem, m.recorded_at, u.cert_sha256 as current_sha,"
                + " (select max(r.detail) from audit_events r where r.kind = 'CERTIFICATE_REVOKED'"
                + " and r.cert_sha256 = m.cert_sha256) as revocation"
                + " from unit_certificates m join units u on u.id = m.unit_id where m.unit_id = ? order by m.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unitId);
            List<UnitCertificate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sha = rs.getString("cert_sha256");
                    out.add(new UnitCertificate(rs.getLong("id"), unitId, sha, rs.getString("cert_pem"),
                            Sql.getInstant(rs, "recorded_at"), sha.equals(rs.getString("current_sha")),
                            rs.getString("revocation")));
                }
            }
            return out;
        }
    }

    /** Observations are stored as a JSON array of strings, so no separator can be confused with their text. */
    static String encodeObservations(List<String> observations) {
        try {
            return JSON.writeValueAsString(observations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings cannot be written as JSON", e);
        }
    }

    private static List<String> decodeObservations(String json) throws SQLException {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored lock observations are not a JSON array: " + e.getOriginalMessage(),
                    "22000", e);
        }
    }

    private static List<UnitRecord> readUnits(PreparedStatement ps) throws SQLException {
        List<UnitRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new UnitRecord(rs.getLong("id"), rs.getString("lot_id"), rs.getString("serial"),
                        rs.getString("uid"), rs.getString("chip_family"), UnitResult.valueOf(rs.getString("result")),
                        rs.getString("failed_step"), rs.getString("error_code"), rs.getString("cause"),
                        rs.getString("cert_pem"), rs.getString("cert_sha256"), rs.getString("station"),
                        rs.getString("fixture"), Sql.getInstant(rs, "started_at"),
                        Sql.getInstant(rs, "finished_at"), Sql.getInstant(rs, "reworked_at"),
                        rs.getBoolean("cert_revoked")));
            }
        }
        return out;
    }
}
