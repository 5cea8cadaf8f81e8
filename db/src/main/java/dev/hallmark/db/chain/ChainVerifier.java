package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the audit record without the HSM: each station's hash chain, each checkpoint's signature and its match
 * with the chain, and the rows the chain vouches for (units, step events, certificates, lock evidence). Reads one
 * consistent snapshot, streaming, in constant memory per station. Thread-safe; one instance may verify many times.
 */
public final class ChainVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ChainVerifier.class);
    /** H2's snapshot isolation level (org.h2.engine.Constants.TRANSACTION_SNAPSHOT). */
    private static final int H2_SNAPSHOT = 6;

    private final Set<String> trustedSignerKeys;
    private final Map<String, Set<String>> stationKeys;

    private ChainVerifier(Set<String> trustedSignerKeys, Map<String, Set<String>> stationKeys) {
        this.trustedSignerKeys = Set.copyOf(trustedSignerKeys);
        this.stationKeys = Map.copyOf(stationKeys);
    }

    /** Accepts a checkpoint signed by the key stored with it; the report lists each station's key fingerprints. */
    public static ChainVerifier acceptingStoredKeys() {
        return new ChainVerifier(Set.of(), Map.of());
    }

    /**
     * Accepts a station's checkpoints only when signed by a key the trust list names for that station (station id to
     * SHA-256 fingerprints); a station missing from the list is not trusted. What a plant-wide verify uses.
     */
    public static ChainVerifier trustingStations(Map<String, Set<String>> keysByStation) {
        if (keysByStation.isEmpty()) {
            throw new IllegalArgumentException("the trust list names no station");
        }
        Map<String, Set<String>> copy = new HashMap<>();
        keysByStation.forEach((station, keys) -> copy.put(station, Set.copyOf(keys)));
        return new ChainVerifier(Set.of(), copy);
    }

    /** Accepts only checkpoints signed by keys with these SHA-256 fingerprints (of SubjectPublicKeyInfo DER). */
    public static ChainVerifier trusting(Set<String> signerKeySha256) {
        if (signerKeySha256.isEmpty()) {
            throw new IllegalArgumentException("name at least one trusted station key");
        }
        return new ChainVerifier(signerKeySha256, Map.of());
    }

    /** Whether this verifier pins station keys (trusted keys or a trust list) instead of accepting stored ones. */
    public boolean pinsKeys() {
        return !trustedSignerKeys.isEmpty() || !stationKeys.isEmpty();
    }

    /**
     * Verifies the database behind {@code c}. In auto-commit mode it opens a read-only snapshot transaction of its
     * own (REPEATABLE READ on PostgreSQL, SNAPSHOT on H2) and ends it; otherwise it reads in the caller's.
     */
    public ChainReport verify(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            return run(c);
        }
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        try {
            c.setTransactionIsolation("H2".equals(c.getMetaData().getDatabaseProductName())
                    ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
            return run(c);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            c.setTransactionIsolation(isolation);
        }
    }

    private ChainReport run(Connection c) throws SQLException {
        ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "checkpoint-signatures");
            t.setDaemon(true);
            return t;
        });
        try {
            return run(c, checker);
        } finally {
            checker.shutdownNow();
        }
    }

    private ChainReport run(Connection c, ExecutorService checker) throws SQLException {
        long started = System.nanoTime();
        Findings findings = new Findings();
        Baseline baseline = baseline(c, findings);
        Map<String, ChainAppender.Head> heads = heads(c);
        CheckpointCheck signatures = new CheckpointCheck(trustedSignerKeys, stationKeys);
        ChainTotals totals = new ChainTotals();
        ChainScan scan = new ChainScan(c, heads, signatures, checker, totals);
        List<StationSummary> stations = new ArrayList<>(scan.run(findings));
        Set<String> seen = scan.seen();
        Set<String> rest = new HashSet<>(heads.keySet());
        rest.addAll(checkpointStations(c));
        rest.removeAll(seen);
        for (String station : rest) {
            try (CheckpointCursor cursor = new CheckpointCursor(c, station, signatures, checker)) {
                stations.add(new StationWalk(station, heads.get(station), cursor, findings).finish());
            }
        }
        long walked = System.nanoTime();
        checkBaseline(c, baseline, findings);
        new MirrorCheck(c, findings, baseline, totals).run();
        long mirrored = System.nanoTime();
        new UnitCheck(c, findings, baseline).run();
        LOG.debug("chains and checkpoints {} ms, mirror rows {} ms, units {} ms", (walked - started) / 1_000_000,
                (mirrored - walked) / 1_000_000, (System.nanoTime() - mirrored) / 1_000_000);
        stations.sort(Comparator.comparing(StationSummary::station));
        long events = stations.stream().mapToLong(StationSummary::events).sum();
        LOG.info("verified {} events of {} station chain(s) in {} ms: {} finding(s)", events, stations.size(),
                (System.nanoTime() - started) / 1_000_000, findings.all().size());
        return new ChainReport(findings.all(), stations, legacyUnits(c, baseline));
    }

    /** The row at the cursor for a walk; a readable event also goes into {@code totals} unless that is null. */
    static StationWalk.Row row(ResultSet rs, ChainTotals totals) throws SQLException {
        String unreadable = EventRows.unreadable(rs);
        if (unreadable != null) {
            return StationWalk.Row.unreadable(rs.getLong("id"), rs.getLong("seq"), rs.getString("prev_hash"),
                    rs.getString("hash"), unreadable);
        }
        ChainedEvent event = EventRows.read(rs);
        if (totals != null) {
            totals.accept(event);
        }
        return StationWalk.Row.of(event);
    }

    private static Baseline baseline(Connection c, Findings findings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select units_max_id, step_events_max_id from audit_chain_baseline");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                findings.add(new ChainFinding(FindingKind.DELETED, "audit_chain_baseline", null, null, null,
                        "the record of which rows predate the audit chain is missing"));
                return new Baseline(0, 0);
            }
            return new Baseline(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Rows the chain covers must all lie above the baseline; a raised baseline would hide rows from the checks. */
    private static void checkBaseline(Connection c, Baseline baseline, Findings findings) throws SQLException {
        String sql = "select (select min(unit_id) from audit_events),"
                + " (select min(id) from step_events where event_id is not null)";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long unit = rs.getLong(1);
            boolean anyUnit = !rs.wasNull();
            long step = rs.getLong(2);
            boolean anyStep = !rs.wasNull();
            if (anyUnit && unit <= baseline.unitsMaxId() || anyStep && step <= baseline.stepEventsMaxId()) {
                findings.add(new ChainFinding(FindingKind.EDITED, "audit_chain_baseline", null, null, null,
                        "the baseline claims rows the audit chain covers were written before it"));
            }
        }
    }

    private static Map<String, ChainAppender.Head> heads(Connection c) throws SQLException {
        Map<String, ChainAppender.Head> heads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select station, seq, hash from audit_chain_heads");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                heads.put(rs.getString(1), new ChainAppender.Head(rs.getLong(2), rs.getString(3)));
            }
        }
        return heads;
    }

    private static Set<String> checkpointStations(Connection c) throws SQLException {
        Set<String> stations = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct station from audit_checkpoints");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stations.add(rs.getString(1));
            }
        }
        return stations;
    }

    private static long legacyUnits(Connection c, Baseline baseline) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from units where id <= ?")) {
            ps.setLong(1, baseline.unitsMaxId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
