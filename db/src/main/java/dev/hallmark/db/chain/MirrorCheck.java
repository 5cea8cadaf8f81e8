package dev.hallmark.db.chain;

import dev.hallmark.engine.crypto.Pem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Checks the rows that mirror one chained event each ({@code step_events}, {@code unit_certificates},
 * {@code lock_evidence}) against their event: same fields, no row without its event, no event without its row.
 */
final class MirrorCheck {

    private static final int FETCH = 1000;
    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----\n";
    private static final String PEM_END = "\n-----END CERTIFICATE-----\n";

    private final Connection c;
    private final Findings out;
    private final Baseline baseline;
    private final ChainTotals chain;

    MirrorCheck(Connection c, Findings out, Baseline baseline, ChainTotals chain) {
        this.c = c;
        this.out = out;
        this.baseline = baseline;
        this.chain = chain;
    }

    /**
     * Scans each mirror table once and compares its digest with the chain's; only a table whose digest differs is
     * joined row by row with its events, to name each row that differs, has no event, or whose event has no row.
     */
    void run() throws SQLException {
        if (!stepsMatch()) {
            steps();
            missing("STEP", "step_events", "select 1 from step_events m where m.event_id = e.id",
                    "its journal entry (step event) of unit #%d is missing from step_events");
        }
        if (!certificatesMatch()) {
            certificates();
            missing("CERTIFICATE", "unit_certificates", "select 1 from unit_certificates m where m.event_id = e.id",
                    "the certificate it records for unit #%d is missing from unit_certificates");
        }
        if (!keysMatch()) {
            new KeyMirror(c, out).run();
            missing("KEY_RECORDED", "key_references", "select 1 from key_references m where m.event_id = e.id",
                    "the key it records for unit #%d is missing from key_references");
        }
        if (lockEvidence() != chain.lockEvidenceEvents()) {
            latestLockEvidence();
        }
        new ProfileCheck(c, out).run();
    }

    private boolean keysMatch() throws SQLException {
        MirrorDigest mirror = chain.mirror();
        boolean fingerprintsHold = true;
        try (PreparedStatement ps = c.prepareStatement("select event_id, unit_id, recorded_at, " + KeyMirror.FIELDS
                + " from key_references")) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mirror.add(nullableLong(rs, "event_id"), nullableLong(rs, "unit_id"),
                            EventRows.getInstant(rs, "recorded_at"), KeyMirror.detail(rs));
                    fingerprintsHold &= KeyMirror.fingerprintProblem(rs) == null;
                }
            }
        }
        return fingerprintsHold && mirror.matches(chain.keys());
    }

    private boolean stepsMatch() throws SQLException {
        MirrorDigest mirror = chain.mirror();
        String sql = "select id, event_id, unit_id, step, status, at, detail from step_events where id > ? and id %s ?"
                + " order by id fetch first ? rows only";
        KeysetScan.run(c, sql, "id", ps -> {
            ps.setLong(1, baseline.stepEventsMaxId());
            return 2;
        }, Long.MIN_VALUE, rs -> mirror.add(nullableLong(rs, "event_id"), nullableLong(rs, "unit_id"),
                rs.getString("step"), rs.getString("status"), EventRows.getInstant(rs, "at"), rs.getString("detail")));
        return mirror.matches(chain.steps());
    }

    private boolean certificatesMatch() throws SQLException {
        MirrorDigest mirror = chain.mirror();
        String sql = "select id, event_id, unit_id, cert_sha256, recorded_at, cert_pem from unit_certificates"
                + " where id %s ? order by id fetch first ? rows only";
        boolean[] pemsHold = {true};
        KeysetScan.run(c, sql, "id", KeysetScan::none, Long.MIN_VALUE, rs -> {
            String sha = rs.getString("cert_sha256");
            mirror.add(nullableLong(rs, "event_id"), nullableLong(rs, "unit_id"), sha,
                    EventRows.getInstant(rs, "recorded_at"));
            pemsHold[0] &= pemProblem(rs.getString("cert_pem"), sha) == null;
        });
        return pemsHold[0] && mirror.matches(chain.certificates());
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private void steps() throws SQLException {
        String sql = "select m.id as m_id, m.unit_id as m_unit, m.step as m_step, m.status as m_status,"
                + " m.at as m_at, m.detail as m_detail, m.event_id as m_event,"
                + " e.id as e_id, e.station as e_station, e.seq as e_seq, e.kind as e_kind, e.unit_id as e_unit,"
                + " e.step as e_step, e.status as e_status, e.at as e_at, e.detail as e_detail"
                + " from step_events m left join audit_events e on e.id = m.event_id"
                + " where m.id > ? order by m.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setLong(1, baseline.stepEventsMaxId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (unlinked(rs, "step_events", "journal entry")) {
                        continue;
                    }
                    List<String> differ = new ArrayList<>();
                    compare(differ, "kind", EventKind.STEP.name(), rs.getString("e_kind"));
                    compare(differ, "unit", rs.getObject("m_unit"), rs.getObject("e_unit"));
                    compare(differ, "step", rs.getString("m_step"), rs.getString("e_step"));
                    compare(differ, "status", rs.getString("m_status"), rs.getString("e_status"));
                    compare(differ, "time", EventRows.getInstant(rs, "m_at"), EventRows.getInstant(rs, "e_at"));
                    compare(differ, "detail", rs.getString("m_detail"), rs.getString("e_detail"));
                    edited(rs, "step_events", differ);
                }
            }
        }
    }

    private void certificates() throws SQLException {
        String sql = "select m.id as m_id, m.unit_id as m_unit, m.cert_sha256 as m_sha, m.cert_pem as m_pem,"
                + " m.recorded_at as m_at, m.event_id as m_event,"
                + " e.id as e_id, e.station as e_station, e.seq as e_seq, e.kind as e_kind, e.unit_id as e_unit,"
                + " e.cert_sha256 as e_sha, e.at as e_at"
                + " from unit_certificates m left join audit_events e on e.id = m.event_id"
                + " order by m.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (unlinked(rs, "unit_certificates", "certificate record")) {
                        continue;
                    }
                    List<String> differ = new ArrayList<>();
                    compare(differ, "kind", EventKind.CERTIFICATE.name(), rs.getString("e_kind"));
                    compare(differ, "unit", rs.getObject("m_unit"), rs.getObject("e_unit"));
                    compare(differ, "fingerprint", rs.getString("m_sha"), rs.getString("e_sha"));
                    compare(differ, "time", EventRows.getInstant(rs, "m_at"), EventRows.getInstant(rs, "e_at"));
                    String pemProblem = pemProblem(rs.getString("m_pem"), rs.getString("e_sha"));
                    if (pemProblem != null) {
                        differ.add(pemProblem);
                    }
                    edited(rs, "unit_certificates", differ);
                }
            }
        }
    }

    /**
     * Compares each lock evidence row with its event; returns how many rows are the faithful mirror of a
     * LOCK_EVIDENCE event of their own unit, one row per unit. When that equals the number of LOCK_EVIDENCE events in
     * the chain, every such event has its row, so each is its unit's latest and none is missing.
     */
    private long lockEvidence() throws SQLException {
        String sql = "select m.unit_id as m_id, m.unit_id as m_unit, m.level as m_level, m.locked as m_locked,"
                + " m.observations as m_observations, m.event_id as m_event,"
                + " e.id as e_id, e.station as e_station, e.seq as e_seq, e.kind as e_kind, e.unit_id as e_unit,"
                + " e.lock_level as e_level, e.locked as e_locked, e.detail as e_detail"
                + " from lock_evidence m left join audit_events e on e.id = m.event_id"
                + " where m.unit_id > ? and m.unit_id %s ? order by m.unit_id fetch first ? rows only";
        // lock_evidence's primary key is unit_id: one row per unit, so each row is another unit
        long[] faithful = {0};
        KeysetScan.run(c, sql, "m_unit", ps -> {
            ps.setLong(1, baseline.unitsMaxId());
            return 2;
        }, Long.MIN_VALUE, rs -> {
            if (unlinked(rs, "lock_evidence", "lock evidence")) {
                return;
            }
            List<String> differ = new ArrayList<>();
            compare(differ, "kind", EventKind.LOCK_EVIDENCE.name(), rs.getString("e_kind"));
            compare(differ, "unit", rs.getObject("m_unit"), rs.getObject("e_unit"));
            compare(differ, "level", rs.getString("m_level"), rs.getString("e_level"));
            compare(differ, "locked", rs.getObject("m_locked"), rs.getObject("e_locked"));
            compare(differ, "observations", rs.getString("m_observations"), rs.getString("e_detail"));
            edited(rs, "lock_evidence", differ);
            if (differ.isEmpty()) {
                faithful[0]++;
            }
        });
        return faithful[0];
    }

    /** The mirror row of each unit's latest LOCK_EVIDENCE event must exist and point at that event. */
    private void latestLockEvidence() throws SQLException {
        String sql = "select e.id, e.station, e.seq, e.unit_id, m.unit_id as m_unit, m.event_id as m_event"
                + " from audit_events e left join lock_evidence m on m.unit_id = e.unit_id"
                + " where e.kind = 'LOCK_EVIDENCE' and not exists (select 1 from audit_events n"
                + " where n.unit_id = e.unit_id and n.kind = 'LOCK_EVIDENCE' and n.seq > e.seq)"
                + " order by e.station, e.seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long eventId = rs.getLong("id");
                    if (out.flagged(eventId)) {
                        continue;
                    }
                    long unit = rs.getLong("unit_id");
                    if (rs.getObject("m_unit") == null) {
                        out.add(new ChainFinding(FindingKind.DELETED, "lock_evidence", unit, rs.getString("station"),
                                rs.getLong("seq"), "the lock evidence of unit #" + unit + " chained as event #"
                                + eventId + " is missing"));
                    } else if (!Objects.equals(rs.getObject("m_event") == null ? null : rs.getLong("m_event"),
                            eventId)) {
                        out.add(new ChainFinding(FindingKind.EDITED, "lock_evidence", unit, rs.getString("station"),
                                rs.getLong("seq"), "the lock evidence of unit #" + unit
                                + " is not its latest chained observation, event #" + eventId));
                    }
                }
            }
        }
    }

    /** Events of {@code kind} whose mirror row is gone. */
    private void missing(String kind, String table, String exists, String what) throws SQLException {
        String sql = "select e.id, e.station, e.seq, e.unit_id from audit_events e where e.kind = ?"
                + " and not exists (" + exists + ") order by e.station, e.seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!out.flagged(rs.getLong("id"))) {
                        out.add(new ChainFinding(FindingKind.DELETED, table, null, rs.getString("station"),
                                rs.getLong("seq"), "event #" + rs.getLong("id") + ": "
                                + String.format(what, rs.getLong("unit_id"))));
                    }
                }
            }
        }
    }

    /** Reports a mirror row without a chained event; true when it did (the row needs no further comparison). */
    private boolean unlinked(ResultSet rs, String table, String what) throws SQLException {
        if (rs.getObject("e_id") != null) {
            return out.flagged(rs.getLong("e_id"));
        }
        long id = rs.getLong("m_id");
        Object event = rs.getObject("m_event");
        String station = stationOf(rs.getLong("m_unit"));
        if (event == null) {
            out.add(new ChainFinding(FindingKind.INSERTED, table, id, station, null,
                    "the " + what + " has no event in the audit chain"));
        } else {
            out.add(new ChainFinding(FindingKind.EDITED, table, id, station, null,
                    "the " + what + " names event #" + event + ", which is not in the audit chain"));
        }
        return true;
    }

    /** The station of a unit, for naming a row without an event (rare: no join on the common path). */
    private String stationOf(long unitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select station from units where id = ?")) {
            ps.setLong(1, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void edited(ResultSet rs, String table, List<String> differ) throws SQLException {
        if (!differ.isEmpty()) {
            out.add(new ChainFinding(FindingKind.EDITED, table, rs.getLong("m_id"), rs.getString("e_station"),
                    rs.getLong("e_seq"), "differs from its chained event #" + rs.getLong("e_id") + " in "
                    + String.join(", ", differ)));
        }
    }

    private static void compare(List<String> differ, String field, Object mine, Object chained) {
        Object a = mine instanceof Number n ? (Object) n.longValue() : mine;
        Object b = chained instanceof Number n ? (Object) n.longValue() : chained;
        if (!Objects.equals(a, b)) {
            differ.add(field);
        }
    }

    /**
     * What is wrong with a stored PEM against the chained fingerprint, or null: it must be exactly the PEM the store
     * writes for one certificate (so no parsing is needed) and its DER must hash to the fingerprint.
     */
    static String pemProblem(String pem, String sha256) {
        if (pem == null) {
            return sha256 == null ? null : "certificate (no PEM)";
        }
        byte[] der = null;
        int end = pem.length() - PEM_END.length();
        if (pem.startsWith(PEM_BEGIN) && pem.endsWith(PEM_END) && end > PEM_BEGIN.length()) {
            try {
                der = Base64.getMimeDecoder().decode(pem.substring(PEM_BEGIN.length(), end));
            } catch (IllegalArgumentException e) {
                der = null;
            }
        }
        if (der == null || !Pem.encode("CERTIFICATE", der).equals(pem)) {
            return "certificate (the PEM is not one certificate as recorded)";
        }
        if (!ChainFormat.sha256Hex(der).equals(sha256)) {
            return "certificate (the PEM does not hash to the fingerprint)";
        }
        return null;
    }
}
