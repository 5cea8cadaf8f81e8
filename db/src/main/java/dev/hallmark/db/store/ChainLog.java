package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainAppender;
import dev.hallmark.db.chain.ChainedEvent;
import dev.hallmark.db.chain.Checkpoint;
import dev.hallmark.db.chain.CheckpointReason;
import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.db.chain.Checkpoints;
import dev.hallmark.db.chain.EventKind;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ChainHeadWitness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chained writes: each write is one transaction that changes the records and appends its events to the station's
 * chain, under a lock per station so the station's events keep the order in which they were written; a checkpoint
 * is signed inside the same transaction when one is due, so a write whose checkpoint cannot be signed is not kept.
 */
final class ChainLog {

    private static final Logger LOG = LoggerFactory.getLogger(ChainLog.class);

    /** Appends an event of the write's station inside the write's transaction. */
    @FunctionalInterface
    interface Appender {
        ChainedEvent append(AuditEvent event) throws SQLException;
    }

    /** The JDBC work of one chained write. */
    @FunctionalInterface
    interface Write<T> {
        T run(Connection c, Appender log) throws SQLException, ProvisioningException;
    }

    private record Outcome<T>(T result, long lastSeq, Checkpoint checkpoint) {
    }

    private final Sql sql;
    private final AuditOptions options;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> heads = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> checkpointed = new ConcurrentHashMap<>();
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final ActionAnchoring anchoring = new ActionAnchoring();

    ChainLog(Sql sql, AuditOptions options) {
        this.sql = sql;
        this.options = options;
    }

    AuditOptions options() {
        return options;
    }

    /** Runs the write in one transaction under the station's lock; {@code what} completes "could not ...". */
    <T> T write(String station, String what, Write<T> work) throws ProvisioningException {
        ensureHead(station);
        ReentrantLock lock = lock(station);
        try {
            Outcome<T> outcome = sql.transaction(what, c -> {
                long[] last = {0};
                EventKind[] lastKind = {null};
                T result = work.run(c, event -> {
                    if (!station.equals(event.station())) {
                        throw new IllegalArgumentException("an event of station " + event.station()
                                + " cannot be written in a write of station " + station);
                    }
                    ChainedEvent appended = ChainAppender.append(c, event);
                    last[0] = appended.seq();
                    lastKind[0] = event.kind();
                    return appended;
                });
                Checkpoint checkpoint = null;
                CheckpointReason reason = last[0] == 0 ? null : due(c, station, last[0], lastKind[0]);
                if (reason != null) {
                    checkpoint = sign(c, station, reason).orElse(null);
                }
                return new Outcome<>(result, last[0], checkpoint);
            });
            if (outcome.lastSeq() > 0) {
                written.put(station, outcome.lastSeq());
            }
            if (outcome.checkpoint() != null) {
                checkpointed.put(station, outcome.checkpoint().seq());
                witness(outcome.checkpoint());
            }
            return outcome.result();
        } finally {
            lock.unlock();
        }
    }

    /** Signs a checkpoint over the station's head now; empty when the station has no event yet. */
    Optional<Checkpoint> checkpoint(String station, CheckpointReason reason) throws ProvisioningException {
        if (options.signer().isEmpty()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "no checkpoint of station " + station
                    + " can be signed because the audit store has no station key");
        }
        ensureHead(station);
        ReentrantLock lock = lock(station);
        try {
            Optional<Checkpoint> made = sql.transaction("sign a checkpoint of station " + station,
                    c -> sign(c, station, reason));
            if (made.isPresent()) {
                checkpointed.put(station, made.get().seq());
                witness(made.get());
            }
            return made;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Advances the token's head counter to a checkpoint just committed (decision 0018). After the commit, so the
     * counter never runs ahead of the database; a failure is logged and the next checkpoint advances it.
     */
    private void witness(Checkpoint cp) {
        var witness = options.signer().flatMap(CheckpointSigner::witness);
        if (witness.isEmpty()) {
            return;
        }
        try {
            witness.get().advance(new ChainHeadWitness.Head(cp.station(), cp.seq(), cp.headHash()));
        } catch (ProvisioningException | RuntimeException e) {
            LOG.error("station {}: the token's audit head counter could not be advanced to seq {}: {}", cp.station(),
                    cp.seq(), e.getMessage(), e);
        }
    }

    /** Signs a last checkpoint for each station this process wrote after its last one; failures are logged. */
    void close() {
        if (options.signer().isEmpty()) {
            return;
        }
        for (Map.Entry<String, Long> w : written.entrySet()) {
            if (w.getValue() > checkpointed.getOrDefault(w.getKey(), 0L)) {
                try {
                    checkpoint(w.getKey(), CheckpointReason.CLOSE);
                } catch (ProvisioningException e) {
                    LOG.warn("station {}: the closing checkpoint could not be signed: {}", w.getKey(), e.oneLine(), e);
                }
            }
        }
    }

    private CheckpointReason due(Connection c, String station, long seq, EventKind kind) throws SQLException {
        if (options.signer().isEmpty()) {
            return null;
        }
        if (options.checkpointAtSeal() && kind == EventKind.UNIT_SEALED) {
            return CheckpointReason.SEAL;
        }
        Long known = checkpointed.get(station);
        if (known == null) {
            known = Checkpoints.lastSeq(c, station);
            checkpointed.putIfAbsent(station, known);
        }
        return seq - known >= options.checkpointEvery() ? CheckpointReason.INTERVAL : null;
    }

    private Optional<Checkpoint> sign(Connection c, String station, CheckpointReason reason)
            throws SQLException, ProvisioningException {
        CheckpointSigner signer = options.signer().orElseThrow();
        try {
            anchoring.anchor(c, station, options.clock().instant());
            Optional<Checkpoint> cp = Checkpoints.write(c, station, reason, signer, options.clock().instant());
            cp.ifPresent(made -> LOG.debug("station {}: checkpoint {} at seq {}", station, reason, made.seq()));
            return cp;
        } catch (ProvisioningException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the station key could not sign the audit"
                    + " checkpoint of station " + station + ", so the record was not written: " + e.getMessage(),
                    e.code().id() + (e.rawDetail() == null ? "" : " " + e.rawDetail()), e);
        }
    }

    private void ensureHead(String station) throws ProvisioningException {
        if (heads.contains(station)) {
            return;
        }
        sql.autoCommit("create the audit chain of station " + station, c -> {
            ChainAppender.ensureHead(c, station);
            registerStation(c, station, options.clock().instant());
            return null;
        });
        heads.add(station);
    }

    /** Adds the station to {@code stations} when it is not there yet; a concurrent registration is as good. */
    private static void registerStation(Connection c, String station, java.time.Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into stations (id, first_seen)"
                + " select ?, ? where not exists (select 1 from stations where id = ?)")) {
            ps.setString(1, station);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, station);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private ReentrantLock lock(String station) throws ProvisioningException {
        ReentrantLock lock = locks.computeIfAbsent(station, s -> new ReentrantLock(true));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED,
                    "the station was interrupted while waiting to write its audit chain", null, e);
        }
        return lock;
    }
}
