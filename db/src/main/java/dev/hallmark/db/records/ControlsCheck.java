package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.FindingKind;
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
 * Checks each {@code unit_controls} row against the CONTROLS_RECORDED event that lists its hash: a changed row is
 * EDITED, a row no event lists is INSERTED, a listed row that is gone is DELETED, rows of one event in another order
 * are REORDERED. Reads the events and the rows as two streams in event order, in constant memory.
 */
final class ControlsCheck {

    private static final String TABLE = "unit_controls";

    private final Connection c;
    private final Consumer<ChainFinding> findings;
    private long rows;
    private long units;

    ControlsCheck(Connection c, Consumer<ChainFinding> findings) {
        this.c = c;
        this.findings = findings;
    }

    /** Runs the check; returns the summary line. */
    String run() throws SQLException {
        long baseline = baseline();
        try (PreparedStatement events = c.prepareStatement("select id, station, seq, unit_id, detail from audit_events"
                + " where kind = 'CONTROLS_RECORDED' order by id");
             PreparedStatement rowsPs = c.prepareStatement("select id, event_id, unit_id, control, satisfied, evidence,"
                     + " recorded_at from unit_controls where event_id is not null order by event_id, id")) {
            events.setFetchSize(1000);
            rowsPs.setFetchSize(1000);
            try (ResultSet e = events.executeQuery(); ResultSet r = rowsPs.executeQuery()) {
                Row pending = next(r);
                while (e.next()) {
                    long eventId = e.getLong(1);
                    while (pending != null && pending.eventId() < eventId) {
                        inserted(pending, "names event #" + pending.eventId() + ", which records no controls");
                        pending = next(r);
                    }
                    List<Row> actual = new ArrayList<>();
                    while (pending != null && pending.eventId() == eventId) {
                        actual.add(pending);
                        pending = next(r);
                    }
                    units++;
                    compare(new Event(eventId, e.getString(2), e.getLong(3), e.getLong(4), e.getString(5)), actual);
                }
                while (pending != null) {
                    inserted(pending, "names event #" + pending.eventId() + ", which records no controls");
                    pending = next(r);
                }
            }
        }
        long legacy = unchained(baseline);
        return "unit controls: " + rows + " rows of " + units + " evidence records under the audit chain"
                + (legacy > 0 ? ", " + legacy + " rows written before V8 not covered" : "");
    }

    private void compare(Event event, List<Row> actual) {
        rows += actual.size();
        List<String> expected = ControlRows.parse(event.detail());
        if (expected == null) {
            findings.accept(new ChainFinding(FindingKind.EDITED, "audit_events", event.id(), event.station(),
                    event.seq(), "the CONTROLS_RECORDED event of unit #" + event.unitId() + " lists no row hashes"));
            return;
        }
        List<String> got = actual.stream().map(Row::hash).toList();
        if (got.equals(expected)) {
            return;
        }
        Map<String, Integer> left = new HashMap<>();
        expected.forEach(h -> left.merge(h, 1, Integer::sum));
        List<Row> unmatched = new ArrayList<>();
        for (Row row : actual) {
            if (left.getOrDefault(row.hash(), 0) > 0) {
                left.merge(row.hash(), -1, Integer::sum);
            } else {
                unmatched.add(row);
            }
        }
        long missing = left.values().stream().mapToLong(Integer::longValue).sum();
        if (unmatched.isEmpty() && missing == 0) {
            for (int i = 0; i < actual.size(); i++) {
                if (!actual.get(i).hash().equals(expected.get(i))) {
                    add(FindingKind.REORDERED, actual.get(i).id(), event, "control " + actual.get(i).control()
                            + " of unit #" + event.unitId() + " was written as row " + (expected.indexOf(
                            actual.get(i).hash()) + 1) + " of " + expected.size() + ", it is now row " + (i + 1));
                }
            }
            return;
        }
        int edited = (int) Math.min(unmatched.size(), missing);
        for (int i = 0; i < unmatched.size(); i++) {
            Row row = unmatched.get(i);
            if (i < edited) {
                add(FindingKind.EDITED, row.id(), event, "control " + row.control() + " of unit #" + event.unitId()
                        + " no longer matches what its event recorded");
            } else {
                add(FindingKind.INSERTED, row.id(), event, "control " + row.control() + " of unit #" + event.unitId()
                        + " is not among the rows its event recorded");
            }
        }
        for (long i = edited; i < missing; i++) {
            add(FindingKind.DELETED, null, event, "a control row of unit #" + event.unitId()
                    + " that its event recorded is missing");
        }
    }

    private void add(FindingKind kind, Long rowId, Event event, String what) {
        findings.accept(new ChainFinding(kind, TABLE, rowId, event.station(), event.seq(), what));
    }

    private void inserted(Row row, String why) {
        rows++;
        findings.accept(new ChainFinding(FindingKind.INSERTED, TABLE, row.id(), null, null,
                "control " + row.control() + " of unit #" + row.unitId() + " " + why));
    }

    private long baseline() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select unit_controls_max_id from controls_baseline");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                findings.accept(new ChainFinding(FindingKind.DELETED, "controls_baseline", null, null, null,
                        "the record of which control rows predate V8 is missing"));
                return 0;
            }
            return rs.getLong(1);
        }
    }

    /** Rows without an event: legacy at or below the baseline, inserted above it; returns the legacy count. */
    private long unchained(long baseline) throws SQLException {
        long legacy = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "select id, unit_id, control from unit_controls where event_id is null order by id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) <= baseline) {
                        legacy++;
                    } else {
                        findings.accept(new ChainFinding(FindingKind.INSERTED, TABLE, rs.getLong(1), null, null,
                                "control " + rs.getString(3) + " of unit #" + rs.getLong(2)
                                        + " was written without the event that chains it"));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select min(id) from unit_controls where event_id is not null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long min = rs.getLong(1);
            if (!rs.wasNull() && min <= baseline) {
                findings.accept(new ChainFinding(FindingKind.EDITED, "controls_baseline", null, null, null,
                        "the baseline claims control rows the audit chain covers were written before V8"));
            }
        }
        return legacy;
    }

    private static Row next(ResultSet r) throws SQLException {
        if (!r.next()) {
            return null;
        }
        long unitId = r.getLong(3);
        String control = r.getString(4);
        boolean satisfied = r.getBoolean(5);
        String evidence = r.getString(6);
        OffsetDateTime at = r.getObject(7, OffsetDateTime.class);
        String hash = control == null || evidence == null || at == null ? "unreadable"
                : ControlRows.rowHash(unitId, control, satisfied, evidence, at.toInstant());
        return new Row(r.getLong(1), r.getLong(2), unitId, control, hash);
    }

    private record Row(long id, long eventId, long unitId, String control, String hash) {
    }

    private record Event(long id, String station, long seq, long unitId, String detail) {
    }
}
