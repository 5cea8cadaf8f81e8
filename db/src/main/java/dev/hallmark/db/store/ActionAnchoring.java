package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainAppender;
import dev.hallmark.db.chain.EventKind;
import dev.hallmark.db.records.ActionAnchor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes the action log's head into a station's chain as an ACTIONS_ANCHORED event just before a checkpoint is signed,
 * when the head moved since the station last anchored it; the checkpoint then vouches for the action log up to there.
 * The head is read without a lock: an action committed later is anchored by a later checkpoint.
 */
final class ActionAnchoring {

    private final Map<String, Long> anchored = new ConcurrentHashMap<>();

    /** Appends the anchor event inside the checkpoint's transaction when the action head moved. */
    void anchor(Connection c, String station, Instant at) throws SQLException {
        ActionAnchor head = head(c);
        if (head == null || head.seq() == 0) {
            return;
        }
        Long last = anchored.get(station);
        if (last == null) {
            last = lastAnchored(c, station);
        }
        if (head.seq() <= last) {
            anchored.put(station, last);
            return;
        }
        ChainAppender.append(c, new AuditEvent(station, EventKind.ACTIONS_ANCHORED, null, null, at, null, null, null,
                null, null, null, null, null, null, null, null, null, null, head.detail()));
        // a rolled-back checkpoint leaves this one ahead: the next move of the head anchors everything up to it
        anchored.put(station, head.seq());
    }

    private static ActionAnchor head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select seq, hash from operator_action_head where id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new ActionAnchor(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    private static long lastAnchored(Connection c, String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select detail from audit_events where station = ?"
                + " and kind = 'ACTIONS_ANCHORED' order by seq desc fetch first 1 rows only")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ActionAnchor.parse(rs.getString(1)).map(ActionAnchor::seq).orElse(0L) : 0L;
            }
        }
    }
}
