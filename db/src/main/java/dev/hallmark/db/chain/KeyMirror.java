package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Names each {@code key_references} row that differs from its KEY_RECORDED event, has none, or whose public key does
 * not hash to the fingerprint the database keeps unique. Run only when the digests of both sides differ.
 */
final class KeyMirror {

    /** The row's fields that make the event's detail, to follow {@code select}. */
    static final String FIELDS = "token_label, token_serial, key_alias, cka_id, key_type, public_key_sha256,"
            + " public_key, key_policy, sensitive, extractable, never_extractable, observed";
    private static final String TABLE = "key_references";

    private final Connection c;
    private final Findings out;

    KeyMirror(Connection c, Findings out) {
        this.c = c;
        this.out = out;
    }

    void run() throws SQLException {
        String sql = "select m.id as m_id, m.unit_id, m.recorded_at, m.event_id, " + FIELDS + ", e.id as e_id,"
                + " e.station as e_station, e.seq as e_seq, e.kind as e_kind, e.unit_id as e_unit, e.at as e_at,"
                + " e.detail as e_detail from key_references m left join audit_events e on e.id = m.event_id"
                + " order by m.id";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong("m_id");
                if (rs.getObject("e_id") == null) {
                    Object event = rs.getObject("event_id");
                    out.add(new ChainFinding(event == null ? FindingKind.INSERTED : FindingKind.EDITED, TABLE, id,
                            null, null, event == null ? "the key reference has no event in the audit chain"
                            : "the key reference names event #" + event + ", which is not in the audit chain"));
                    continue;
                }
                if (out.flagged(rs.getLong("e_id"))) {
                    continue;
                }
                List<String> differ = new ArrayList<>();
                differ(differ, "kind", EventKind.KEY_RECORDED.name(), rs.getString("e_kind"));
                differ(differ, "unit", rs.getLong("unit_id"), rs.getLong("e_unit"));
                differ(differ, "time", EventRows.getInstant(rs, "recorded_at"), EventRows.getInstant(rs, "e_at"));
                differ(differ, "key", detail(rs), rs.getString("e_detail"));
                String fingerprint = fingerprintProblem(rs);
                if (fingerprint != null) {
                    differ.add(fingerprint);
                }
                if (!differ.isEmpty()) {
                    out.add(new ChainFinding(FindingKind.EDITED, TABLE, id, rs.getString("e_station"),
                            rs.getLong("e_seq"), "differs from its chained event #" + rs.getLong("e_id") + " in "
                            + String.join(", ", differ)));
                }
            }
        }
    }

    /** The event detail the row's fields make ({@link KeyDetail}). */
    static String detail(ResultSet rs) throws SQLException {
        return KeyDetail.of(rs.getString("token_label"), rs.getString("token_serial"), rs.getString("key_alias"),
                rs.getString("cka_id"), rs.getString("key_type"), rs.getString("public_key_sha256"),
                rs.getString("public_key"), rs.getString("key_policy"), flag(rs, "sensitive"),
                flag(rs, "extractable"), flag(rs, "never_extractable"), rs.getBoolean("observed"));
    }

    /** What is wrong with the stored public key against its fingerprint, or null. */
    static String fingerprintProblem(ResultSet rs) throws SQLException {
        String key = rs.getString("public_key");
        try {
            if (key != null && ChainFormat.sha256Hex(Base64.getDecoder().decode(key))
                    .equals(rs.getString("public_key_sha256"))) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return "public key (not base64)";
        }
        return "public key (it does not hash to its fingerprint)";
    }

    private static Boolean flag(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static void differ(List<String> differ, String field, Object mine, Object chained) {
        if (!Objects.equals(mine, chained)) {
            differ.add(field);
        }
    }
}
