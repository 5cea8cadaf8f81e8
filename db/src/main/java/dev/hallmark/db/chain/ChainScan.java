package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * Walks every station's chain with one scan of {@code audit_events} in primary-key order, which the database reads
 * sequentially, instead of one read per station through the (station, seq) index (an index probe and a row fetch
 * per event). A station appends its events in seq order under its head's row lock, so its rows come in seq order
 * by id; a station whose rows do not (an inserted or renumbered row) is walked again on its own in seq order, and
 * only that walk's findings count. Either way each {@link StationWalk} sees its station's rows in seq order, as
 * before. Every readable row goes into the {@link ChainTotals} exactly once.
 */
final class ChainScan {

    private static final int FETCH = 1000;

    private final Connection c;
    private final Map<String, ChainAppender.Head> heads;
    private final CheckpointCheck signatures;
    private final ExecutorService checker;
    private final ChainTotals totals;
    private final Map<String, Station> stations = new TreeMap<>();

    ChainScan(Connection c, Map<String, ChainAppender.Head> heads, CheckpointCheck signatures,
              ExecutorService checker, ChainTotals totals) {
        this.c = c;
        this.heads = heads;
        this.signatures = signatures;
        this.checker = checker;
        this.totals = totals;
    }

    /** Walks all stations that have events; adds their findings to {@code out} in station order. */
    List<StationSummary> run(Findings out) throws SQLException {
        try {
            scan();
            List<StationSummary> summaries = new ArrayList<>();
            for (Station s : stations.values()) {
                if (s.walk == null) {
                    s.findings = new Findings();
                    walkAlone(s);
                }
                summaries.add(s.summary);
                out.addAll(s.findings);
            }
            return summaries;
        } finally {
            for (Station s : stations.values()) {
                s.closeCursor();
            }
        }
    }

    /** Station names seen in the scan. */
    Set<String> seen() {
        return stations.keySet();
    }

    private void scan() throws SQLException {
        String sql = "select " + EventRows.COLUMNS + " from audit_events order by id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = Objects.requireNonNullElse(rs.getString("station"), "");
                    Station s = stations.get(name);
                    if (s == null) {
                        s = new Station(name);
                        stations.put(name, s);
                        s.start();
                    }
                    StationWalk.Row row = ChainVerifier.row(rs, totals);
                    if (s.walk == null) {
                        continue;
                    }
                    if (row.seq <= s.lastSeq) {
                        s.giveUp();
                        continue;
                    }
                    s.lastSeq = row.seq;
                    s.walk.accept(row);
                }
            }
        }
        for (Station s : stations.values()) {
            if (s.walk != null) {
                s.summary = s.walk.finish();
                s.closeCursor();
            }
        }
    }

    /** The station's rows out of seq order by id: walks them again alone, in seq order, counting no totals. */
    private void walkAlone(Station s) throws SQLException {
        String sql = "select " + EventRows.COLUMNS + " from audit_events where station = ? order by seq";
        try (PreparedStatement ps = c.prepareStatement(sql);
             CheckpointCursor cursor = new CheckpointCursor(c, s.name, signatures, checker)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, s.name);
            StationWalk walk = new StationWalk(s.name, heads.get(s.name), cursor, s.findings);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    walk.accept(ChainVerifier.row(rs, null));
                }
            }
            s.summary = walk.finish();
        }
    }

    /** One station's walk during the scan, with findings of its own until it is known to be in order. */
    private final class Station {
        private final String name;
        private Findings findings = new Findings();
        private CheckpointCursor cursor;
        private StationWalk walk;
        private StationSummary summary;
        private long lastSeq = Long.MIN_VALUE;

        Station(String name) {
            this.name = name;
        }

        void start() throws SQLException {
            cursor = new CheckpointCursor(c, name, signatures, checker);
            walk = new StationWalk(name, heads.get(name), cursor, findings);
        }

        void giveUp() throws SQLException {
            walk = null;
            closeCursor();
        }

        void closeCursor() throws SQLException {
            if (cursor != null) {
                CheckpointCursor open = cursor;
                cursor = null;
                open.close();
            }
        }
    }
}
