package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks every station's chain with one scan of {@code audit_events} in primary-key order, which the database reads
 * sequentially, instead of one read per station through the (station, seq) index (an index probe and a row fetch
 * per event). A station appends its events in seq order under its head's row lock, so its rows come in seq order
 * by id; a station whose rows do not (an inserted or renumbered row) is walked again on its own in seq order, and
 * only that walk's findings count. Either way each {@link StationWalk} sees its station's rows in seq order, as
 * before. Every readable row goes into the {@link ChainTotals} exactly once. Rows are read in {@link KeysetScan}
 * batches; each row's own hash is checked a batch ahead on a hashing thread while this one reads on.
 */
final class ChainScan {

    /** Rows read before their hashes are handed to the hashing thread. */
    private static final int PIPE = 4096;

    private final Connection c;
    private final Map<String, ChainAppender.Head> heads;
    private final CheckpointCheck signatures;
    private final ExecutorService checker;
    private final ChainTotals totals;
    private final Map<String, Station> stations = new TreeMap<>();
    private final ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chain-hashes");
        t.setDaemon(true);
        return t;
    });
    private List<Pending> filling = new ArrayList<>(PIPE);
    private List<Pending> hashing = List.of();
    private Future<?> hashed;

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
            hasher.shutdownNow();
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
        String sql = "select " + EventRows.COLUMNS + " from audit_events where id %s ? order by id"
                + " fetch first ? rows only";
        KeysetScan.run(c, sql, "id", KeysetScan::none, Long.MIN_VALUE, this::accept);
        pass();
        pass();
        for (Station s : stations.values()) {
            if (s.walk != null) {
                s.summary = s.walk.finish();
                s.closeCursor();
            }
        }
    }

    private void accept(ResultSet rs) throws SQLException {
        String name = Objects.requireNonNullElse(rs.getString("station"), "");
        Station s = stations.get(name);
        if (s == null) {
            s = new Station(name);
            stations.put(name, s);
            s.start();
        }
        StationWalk.Row row = ChainVerifier.row(rs, totals);
        if (s.walk == null) {
            return;
        }
        if (row.seq <= s.lastSeq) {
            s.giveUp();
            return;
        }
        s.lastSeq = row.seq;
        filling.add(new Pending(s, row));
        if (filling.size() == PIPE) {
            pass();
        }
    }

    /**
     * Hands the rows just read to the hashing thread and walks the rows it hashed meanwhile: the walk then finds
     * each row's own hash already checked, and this thread goes on reading. Rows of a station given up since they
     * were read are dropped (its walk starts again alone).
     */
    private void pass() throws SQLException {
        List<Pending> next = filling;
        Future<?> nextHashed = next.isEmpty() ? null : hasher.submit(() -> next.forEach(p -> p.row.check()));
        filling = new ArrayList<>(PIPE);
        if (hashed != null) {
            await(hashed);
        }
        for (Pending p : hashing) {
            if (p.station.walk != null) {
                p.station.walk.accept(p.row);
            }
        }
        hashing = next;
        hashed = nextHashed;
    }

    private static void await(Future<?> f) throws SQLException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while hashing the audit chain", "57014", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing an audit event failed", e.getCause());
        }
    }

    /** A row read and not yet walked, with its station. */
    private record Pending(Station station, StationWalk.Row row) {
    }

    /** The station's rows out of seq order by id: walks them again alone, in seq order, counting no totals. */
    private void walkAlone(Station s) throws SQLException {
        String sql = "select " + EventRows.COLUMNS + " from audit_events where station = ? and seq %s ?"
                + " order by seq fetch first ? rows only";
        try (CheckpointCursor cursor = new CheckpointCursor(c, s.name, signatures, checker)) {
            StationWalk walk = new StationWalk(s.name, heads.get(s.name), cursor, s.findings);
            KeysetScan.run(c, sql, "seq", ps -> {
                ps.setString(1, s.name);
                return 2;
            }, Long.MIN_VALUE, rs -> walk.accept(ChainVerifier.row(rs, null)));
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
