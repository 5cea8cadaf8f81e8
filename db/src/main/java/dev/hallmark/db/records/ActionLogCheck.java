package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.engine.access.ActionChain;
import dev.hallmark.engine.port.ActionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks the action log ({@code operator_actions}) as a chain — each row's hash, its link to the row before, gaps and
 * the head — and against the ACTIONS_ANCHORED events of the station chains, which signed checkpoints vouch for: an
 * action log rewritten consistently up to an anchored action is found there. The log is read whole (people's actions
 * are few next to unit events).
 */
final class ActionLogCheck {

    private static final String TABLE = "operator_actions";

    private final Connection c;
    private final Consumer<ChainFinding> findings;

    ActionLogCheck(Connection c, Consumer<ChainFinding> findings) {
        this.c = c;
        this.findings = findings;
    }

    /** Runs the check; returns the summary line. */
    String run() throws SQLException {
        List<Action> actions = actions();
        Map<String, Action> byHash = new HashMap<>();
        actions.forEach(a -> byHash.put(a.hash(), a));
        Action before = null;
        long expected = 1;
        for (Action a : actions) {
            boolean intact = a.valid();
            if (!intact) {
                Long written = writtenAt(a, byHash, 0);
                if (written != null && written != a.seq()) {
                    add(FindingKind.REORDERED, a.seq(), "written as action " + written + ", it is now at " + a.seq());
                } else {
                    add(FindingKind.EDITED, a.seq(), "its fields no longer match its hash");
                }
            }
            if (a.seq() > expected) {
                add(FindingKind.DELETED, expected, "actions " + expected + (a.seq() - 1 > expected ? " to "
                        + (a.seq() - 1) : "") + " are missing");
            } else if (intact && before != null && before.valid() && before.seq() == a.seq() - 1
                    && !before.hash().equals(a.prevHash())) {
                add(FindingKind.EDITED, before.seq(), "rewritten with a new hash: action " + a.seq()
                        + " does not link to it");
            }
            before = a;
            expected = a.seq() + 1;
        }
        long last = before == null ? 0 : before.seq();
        checkHead(actions, last);
        long anchoredUpTo = checkAnchors(actions);
        return "action log: " + actions.size() + " actions, anchored in signed station chains up to action "
                + anchoredUpTo + (last > anchoredUpTo ? " (" + (last - anchoredUpTo)
                + " actions after the last anchor)" : "");
    }

    /**
     * The seq at which the row's hash verifies, found through the rows its prev_hash leads to (genesis is 0); null
     * when it verifies nowhere along that path (its fields were changed).
     */
    private static Long writtenAt(Action a, Map<String, Action> byHash, int depth) {
        if (a.record() == null || a.prevHash() == null || depth > 64) {
            return null;
        }
        Long before;
        if (ActionChain.GENESIS.equals(a.prevHash())) {
            before = 0L;
        } else {
            Action previous = byHash.get(a.prevHash());
            before = previous == null ? null : previous.valid() ? Long.valueOf(previous.seq())
                    : writtenAt(previous, byHash, depth + 1);
        }
        if (before == null) {
            return null;
        }
        return ActionChain.hash(before + 1, a.record(), a.prevHash()).equals(a.hash()) ? before + 1 : null;
    }

    private void checkHead(List<Action> actions, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select seq, hash from operator_action_head where id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                findings.accept(new ChainFinding(FindingKind.DELETED, "operator_action_head", null, null, null,
                        "the action log's head row is missing"));
                return;
            }
            long head = rs.getLong(1);
            String headHash = rs.getString(2);
            if (head > last) {
                add(FindingKind.DELETED, last + 1, "actions " + (last + 1) + " to " + head
                        + " are missing: the head says the log reaches " + head);
            } else if (head < last) {
                for (Action a : actions) {
                    if (a.seq() > head) {
                        add(FindingKind.INSERTED, a.seq(), "beyond the action log's head at " + head);
                    }
                }
            } else if (last > 0 && !actions.get(actions.size() - 1).hash().equals(headHash)) {
                add(FindingKind.EDITED, last, "the last action's hash is not the head's");
            }
        }
    }

    /** Compares each anchored (seq, hash) with the log; returns the highest anchored seq. */
    private long checkAnchors(List<Action> actions) throws SQLException {
        Map<Long, Action> bySeq = new HashMap<>();
        actions.forEach(a -> bySeq.put(a.seq(), a));
        long highest = 0;
        try (PreparedStatement ps = c.prepareStatement("select station, seq, detail from audit_events"
                + " where kind = 'ACTIONS_ANCHORED' order by station, seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String station = rs.getString(1);
                long eventSeq = rs.getLong(2);
                ActionAnchor anchor = ActionAnchor.parse(rs.getString(3)).orElse(null);
                if (anchor == null) {
                    findings.accept(new ChainFinding(FindingKind.EDITED, "audit_events", null, station, eventSeq,
                            "an ACTIONS_ANCHORED event names no action"));
                    continue;
                }
                Action a = bySeq.get(anchor.seq());
                String by = "station " + station + " anchored it at seq " + eventSeq;
                if (a == null) {
                    add(FindingKind.DELETED, anchor.seq(), "the action is missing; " + by);
                } else if (!a.hash().equals(anchor.hash())) {
                    add(FindingKind.EDITED, anchor.seq(), "the action log was rewritten up to here: its hash is not"
                            + " the one " + by);
                }
                highest = Math.max(highest, anchor.seq());
            }
        }
        return highest;
    }

    private void add(FindingKind kind, long seq, String what) {
        findings.accept(new ChainFinding(kind, TABLE, null, null, seq, what));
    }

    private List<Action> actions() throws SQLException {
        List<Action> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, at, operator, action, target, approver, outcome,"
                + " detail, prev_hash, hash from operator_actions order by seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                ActionRecord record = at == null || rs.getString(3) == null || rs.getString(4) == null
                        || rs.getString(7) == null ? null : new ActionRecord(at.toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                all.add(new Action(rs.getLong(1), record, rs.getString(9), rs.getString(10)));
            }
        }
        return all;
    }

    private record Action(long seq, ActionRecord record, String prevHash, String hash) {
        boolean valid() {
            return record != null && prevHash != null && hash != null
                    && ActionChain.hash(seq, record, prevHash).equals(hash);
        }
    }
}
