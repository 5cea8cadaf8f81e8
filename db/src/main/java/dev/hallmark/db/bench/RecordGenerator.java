package dev.hallmark.db.bench;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainFormat;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates realistic unit records and bulk-loads them with batched inserts: lots of {@value #LOT_SIZE} units,
 * four stations of eight fixtures, ~3% failures spread over the steps from KEYGEN to VERIFY, the full journal of
 * each unit (18 events when it passes), its UID claim, certificate and lock evidence, and the audit chain the
 * store writes with them ({@link BenchChain}: about 22 chained events and one signed checkpoint per unit), so that the chain
 * verifier finds nothing to report. One real certificate is made once; each unit records a copy with the unit
 * number in its serial ({@link BenchCertificate#forUnit}), so fingerprints are real and unique, but the copies'
 * signatures do not verify (a manifest export of generated data refuses so). Seeded: the same arguments give
 * the same records.
 */
final class RecordGenerator {

    static final int LOT_SIZE = 10_000;
    static final String SERIAL_PREFIX = "HM";
    static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    private static final Logger LOG = LoggerFactory.getLogger(RecordGenerator.class);
    private static final int BATCH_UNITS = 2_000;
    private static final int PROGRESS_UNITS = 100_000;
    private static final int STATIONS = 4;
    private static final int FIXTURES = 8;
    private static final Step[] STEPS = Step.values();
    /** Failures are spread over KEYGEN to VERIFY: every generated unit has claimed its device and has a serial. */
    private static final int FIRST_FAILING = Step.KEYGEN.ordinal();
    private static final String OBSERVATIONS_LOCKED =
            "[\"READ_MEMORY 0x08000000 -> NACK 0x1F\",\"GET_ID -> 0x0413\",\"RDP level -> 1\"]";
    private static final String OBSERVATIONS_OPEN = "[\"READ_MEMORY 0x08000000 -> ACK 0x79\",\"GET_ID -> 0x0413\"]";

    private static final String CHIP = "STM32F4";
    private static final String PROFILE = "sensor-v2";
    private static final String LOCK_LEVEL = "READOUT_PROTECTED";

    private static final String LOT = "insert into lots (id, profile, created_at) values (?, ?, ?)";
    private static final String UNIT = "insert into units (id, lot_id, serial, uid, chip_family, station, fixture,"
            + " result, failed_step, error_code, cause, started_at, finished_at, cert_pem, cert_sha256)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String CLAIM = "insert into uid_claims (chip_family, uid, unit_id) values (?, ?, ?)";
    private static final String STEP_EVENT = "insert into step_events (id, unit_id, step, status, at, detail,"
            + " event_id) values (?, ?, ?, ?, ?, ?, ?)";
    private static final String CERTIFICATE = "insert into unit_certificates (id, unit_id, cert_sha256, cert_pem,"
            + " recorded_at, event_id) values (?, ?, ?, ?, ?, ?)";
    private static final String LOCK = "insert into lock_evidence (unit_id, level, locked, observations, event_id)"
            + " values (?, ?, ?, ?, ?)";

    private final byte[] certificateDer;
    private final Random random;
    private final long seed;
    private long chainEvents;

    RecordGenerator(X509Certificate certificate, long seed) {
        try {
            this.certificateDer = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the benchmark certificate cannot be encoded", e);
        }
        this.random = new Random(seed);
        this.seed = seed;
    }

    /** The serial of unit number {@code n} (1-based), as the generator writes it. */
    static String serial(long n) {
        return SERIAL_PREFIX + String.format(Locale.ROOT, "%07d", n);
    }

    /**
     * Loads {@code units} units into the empty schema behind {@code source}; returns how many step events it wrote.
     * This thread generates, hashes and signs; two {@link ChunkWriter}s insert (the chain's tables, the unit
     * tables), {@value #BATCH_UNITS} units per transaction each.
     */
    long load(DataSource source, int units) throws SQLException {
        try (Connection c = source.getConnection()) {
            referentialIntegrity(c, false);
            try {
                return loadUnchecked(source, c, units);
            } finally {
                referentialIntegrity(c, true);
            }
        }
    }

    /**
     * H2 checks each foreign key of each inserted row with an index look-up (a step event checks its unit and its
     * chained event), and the two writers insert referenced and referencing rows in either order, so the bulk load
     * turns the checks off (database-wide) and back on after. The rows are not re-checked: the generator writes
     * every referenced row, and the chain verifier checks the links.
     */
    private static void referentialIntegrity(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set referential_integrity " + on);
        }
    }

    private long loadUnchecked(DataSource source, Connection c, int units) throws SQLException {
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            ChunkWriter unitWriter = new ChunkWriter(source);
            ChunkWriter chainWriter = new ChunkWriter(source);
            Future<Long> unitsWritten = threads.submit(unitWriter);
            Future<Long> chainWritten = threads.submit(chainWriter);
            BenchChain chain = new BenchChain(seed);
            RowChunk unitRows = new RowChunk();
            chain.into(new RowChunk());
            long events = 0;
            for (int n = 1; n <= units; n++) {
                if ((n - 1) % LOT_SIZE == 0) {
                    unitRows.add(LOT, lotOf(n), PROFILE, utc(startOf(n)));
                }
                events = addUnit(n, events, unitRows, chain);
                if (n % BATCH_UNITS == 0 || n == units) {
                    hand(unitWriter, unitsWritten, unitRows);
                    hand(chainWriter, chainWritten, chain.into(new RowChunk()));
                    unitRows = new RowChunk();
                    if (n % PROGRESS_UNITS == 0) {
                        LOG.info("generated {} of {} units ({} chain events)", n, units, chain.events());
                    }
                }
            }
            hand(unitWriter, unitsWritten, ChunkWriter.end());
            hand(chainWriter, chainWritten, ChunkWriter.end());
            await(unitsWritten);
            await(chainWritten);
            c.setAutoCommit(false);
            RowChunk last = new RowChunk();
            chain.into(last);
            chain.finish();
            last.insert(c);
            restartIdentity(c, "audit_events", chain.events() + 1);
            restartIdentity(c, "units", units + 1L);
            restartIdentity(c, "step_events", events + 1);
            restartIdentity(c, "unit_certificates", units + 1L);
            c.commit();
            c.setAutoCommit(true);
            chainEvents = chain.events();
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading generated records", "57014", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Hands a chunk to its writer; gives up with the writer's error when it failed. */
    private static void hand(ChunkWriter writer, Future<Long> written, RowChunk chunk)
            throws SQLException, InterruptedException {
        while (!writer.offer(chunk, 200)) {
            if (written.isDone()) {
                await(written);
                throw new SQLException("a writer of generated records stopped early", "58000");
            }
        }
    }

    private static void await(Future<Long> written) throws SQLException, InterruptedException {
        try {
            written.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("a writer of generated records failed", e.getCause());
        }
    }

    /** Chain events the last {@link #load} wrote. */
    long chainEvents() {
        return chainEvents;
    }

    /**
     * One unit as a station writes it: each write appends its events to the station's chain in the order
     * {@code JdbcAuditStore} does (UNIT_BEGUN; per step STARTED, the step's own record, DONE or FAILED; UNIT_SEALED).
     */
    private long addUnit(int n, long events, RowChunk rows, BenchChain chain) {
        Step failedAt = random.nextInt(100) < 3
                ? STEPS[FIRST_FAILING + random.nextInt(STEPS.length - 1 - FIRST_FAILING)] : null;
        boolean issued = failedAt == null || failedAt.ordinal() > Step.ISSUE.ordinal();
        Instant started = startOf(n);
        Instant finished = started.plusMillis(8_000 + random.nextInt(4_000));
        String uid = String.format(Locale.ROOT, "0033002a3131510c%08x", n);
        String station = "ST-0" + (1 + n % STATIONS);
        String fixture = "F" + (1 + n % FIXTURES);
        String lot = lotOf(n);
        String serial = serial(n);
        String pem = null;
        String sha = null;
        if (issued) {
            byte[] der = BenchCertificate.forUnit(certificateDer, n);
            pem = Pem.encode("CERTIFICATE", der);
            sha = ChainFormat.sha256Hex(der);
        }
        String result = failedAt == null ? "PASS" : "FAILED";
        String errorCode = failedAt == null ? null : "HM-301";
        String cause = failedAt == null ? null : "the device stopped answering during " + failedAt;
        rows.add(UNIT, (long) n, lot, serial, uid, CHIP, station, fixture, result,
                failedAt == null ? null : failedAt.name(), errorCode, cause, utc(started), utc(finished), pem, sha);
        rows.add(CLAIM, CHIP, uid, (long) n);
        Unit u = new Unit(rows, chain, n, station, lot);
        chain.append(AuditEvent.unitBegun(station, lot, n, started, PROFILE, fixture));
        chain.endOfWrite(station, false, started);
        long id = events;
        for (Step step : STEPS) {
            Instant at = started.plusMillis(step.ordinal() * 900L);
            if (step == Step.SEAL && failedAt == null) {
                id = addEvent(u, id, step, "STARTED", at, null);
                chain.append(AuditEvent.unitSealed(station, lot, n, finished, result, null, null, null));
                chain.endOfWrite(station, true, finished);
                id = addEvent(u, id, step, "DONE", at.plusMillis(800), "sealed PASS");
                break;
            }
            id = addEvent(u, id, step, "STARTED", at, null);
            if (step == failedAt) {
                if (step == Step.VERIFY) {
                    lockEvidence(u, false, at.plusMillis(300));
                }
                id = addEvent(u, id, step, "FAILED", at.plusMillis(400), "HM-301 no answer");
                chain.append(AuditEvent.unitSealed(station, lot, n, finished, result, failedAt.name(), errorCode,
                        cause));
                chain.endOfWrite(station, true, finished);
                break;
            }
            Instant done = at.plusMillis(800);
            if (step == Step.CLAIM) {
                chain.append(AuditEvent.unitClaimed(station, lot, n, at.plusMillis(400), serial, uid, CHIP));
                chain.endOfWrite(station, false, at);
            } else if (step == Step.ISSUE) {
                Instant recorded = at.plusMillis(600);
                long event = chain.append(AuditEvent.certificate(station, lot, n, recorded, sha, null));
                chain.endOfWrite(station, false, recorded);
                rows.add(CERTIFICATE, (long) n, (long) n, sha, pem, utc(recorded), event);
            } else if (step == Step.VERIFY) {
                lockEvidence(u, true, at.plusMillis(600));
            }
            id = addEvent(u, id, step, "DONE", done, detail(step, n));
        }
        return id;
    }

    /** Where one unit's rows go. */
    private record Unit(RowChunk rows, BenchChain chain, int n, String station, String lot) {
    }

    private static void lockEvidence(Unit u, boolean locked, Instant at) {
        String observations = locked ? OBSERVATIONS_LOCKED : OBSERVATIONS_OPEN;
        long event = u.chain().append(AuditEvent.lockEvidence(u.station(), u.lot(), u.n(), at, LOCK_LEVEL, locked,
                observations));
        u.chain().endOfWrite(u.station(), false, at);
        u.rows().add(LOCK, (long) u.n(), LOCK_LEVEL, locked, observations, event);
    }

    private static long addEvent(Unit u, long previousId, Step step, String status, Instant at, String detail) {
        long eventId = u.chain().append(AuditEvent.step(u.station(), u.lot(), u.n(), at, step.name(), status,
                detail));
        u.chain().endOfWrite(u.station(), false, at);
        long id = previousId + 1;
        u.rows().add(STEP_EVENT, id, (long) u.n(), step.name(), status, utc(at), detail, eventId);
        return id;
    }

    private static String detail(Step step, int n) {
        return switch (step) {
            case IDENTIFY -> "STM32F4 pid 0x0413";
            case CLAIM -> "serial " + serial(n);
            case LOCK -> "RDP level 1";
            case VERIFY -> "READ_MEMORY -> NACK 0x1F";
            default -> null;
        };
    }

    static String lotOf(long n) {
        return String.format(Locale.ROOT, "LOT-2026-%04d", 1 + (n - 1) / LOT_SIZE);
    }

    /** Four stations each start a unit about every ten seconds: one unit every 2.5 s overall. */
    private static Instant startOf(long n) {
        return T0.plusMillis(n * 2_500);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** After explicit ids, the next generated id follows them (same statement on H2 and PostgreSQL). */
    private static void restartIdentity(Connection c, String table, long next) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("alter table " + table + " alter column id restart with " + next);
        }
    }
}
