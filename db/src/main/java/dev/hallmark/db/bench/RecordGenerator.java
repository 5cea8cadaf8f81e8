package dev.hallmark.db.bench;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainFormat;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
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
    private static final int BATCH_UNITS = 5_000;
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

    /** Loads {@code units} units into the empty schema on {@code c}; returns how many step events it wrote. */
    long load(Connection c, int units) throws SQLException {
        referentialIntegrity(c, false);
        try {
            return loadUnchecked(c, units);
        } finally {
            referentialIntegrity(c, true);
        }
    }

    /**
     * H2 checks each foreign key of each inserted row with an index look-up (a step event checks its unit and its
     * chained event); the generator writes every referenced row first, in the same order, so the bulk load turns
     * the checks off and back on after (H2's own switch for bulk loads; the rows are not re-checked, the chain
     * verifier checks the links instead).
     */
    private static void referentialIntegrity(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set referential_integrity " + on);
        }
    }

    private long loadUnchecked(Connection c, int units) throws SQLException {
        c.setAutoCommit(false);
        long events = 0;
        try (PreparedStatement lot = c.prepareStatement("insert into lots (id, profile, created_at) values (?, ?, ?)");
             PreparedStatement unit = c.prepareStatement("insert into units (id, lot_id, serial, uid, chip_family,"
                     + " station, fixture, result, failed_step, error_code, cause, started_at, finished_at, cert_pem,"
                     + " cert_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement claim = c.prepareStatement(
                     "insert into uid_claims (chip_family, uid, unit_id) values (?, ?, ?)");
             PreparedStatement event = c.prepareStatement("insert into step_events (id, unit_id, step, status, at,"
                     + " detail, event_id) values (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement certificate = c.prepareStatement("insert into unit_certificates (id, unit_id,"
                     + " cert_sha256, cert_pem, recorded_at, event_id) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement lock = c.prepareStatement("insert into lock_evidence (unit_id, level, locked,"
                     + " observations, event_id) values (?, ?, ?, ?, ?)");
             BenchChain chain = new BenchChain(c, seed)) {
            Writers w = new Writers(unit, claim, event, certificate, lock, chain);
            for (int n = 1; n <= units; n++) {
                if ((n - 1) % LOT_SIZE == 0) {
                    lot.setString(1, lotOf(n));
                    lot.setString(2, PROFILE);
                    lot.setObject(3, utc(startOf(n)));
                    lot.executeUpdate();
                }
                events = addUnit(n, events, w);
                if (n % BATCH_UNITS == 0 || n == units) {
                    unit.executeBatch();
                    claim.executeBatch();
                    chain.executeBatch();
                    event.executeBatch();
                    certificate.executeBatch();
                    lock.executeBatch();
                    c.commit();
                    if (n % PROGRESS_UNITS == 0) {
                        LOG.info("generated {} of {} units ({} chain events)", n, units, chain.events());
                    }
                }
            }
            chain.finish(c);
            chainEvents = chain.events();
        }
        restartIdentity(c, "units", units + 1L);
        restartIdentity(c, "step_events", events + 1);
        restartIdentity(c, "unit_certificates", units + 1L);
        c.commit();
        c.setAutoCommit(true);
        return events;
    }

    /** Chain events the last {@link #load} wrote. */
    long chainEvents() {
        return chainEvents;
    }

    /** The statements one unit is written with. */
    private record Writers(PreparedStatement unit, PreparedStatement claim, PreparedStatement event,
                           PreparedStatement certificate, PreparedStatement lock, BenchChain chain) {
    }

    /**
     * One unit as a station writes it: each write appends its events to the station's chain in the order
     * {@code JdbcAuditStore} does (UNIT_BEGUN; per step STARTED, the step's own record, DONE or FAILED; UNIT_SEALED).
     */
    private long addUnit(int n, long events, Writers w) throws SQLException {
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
        PreparedStatement unit = w.unit();
        unit.setLong(1, n);
        unit.setString(2, lot);
        unit.setString(3, serial);
        unit.setString(4, uid);
        unit.setString(5, CHIP);
        unit.setString(6, station);
        unit.setString(7, fixture);
        unit.setString(8, result);
        unit.setString(9, failedAt == null ? null : failedAt.name());
        unit.setString(10, errorCode);
        unit.setString(11, cause);
        unit.setObject(12, utc(started));
        unit.setObject(13, utc(finished));
        unit.setString(14, pem);
        unit.setString(15, sha);
        unit.addBatch();
        w.claim().setString(1, CHIP);
        w.claim().setString(2, uid);
        w.claim().setLong(3, n);
        w.claim().addBatch();
        BenchChain chain = w.chain();
        chain.append(AuditEvent.unitBegun(station, lot, n, started, PROFILE, fixture));
        chain.endOfWrite(station, false, started);
        long id = events;
        for (Step step : STEPS) {
            Instant at = started.plusMillis(step.ordinal() * 900L);
            if (step == Step.SEAL && failedAt == null) {
                id = addEvent(w, id, n, station, lot, step, "STARTED", at, null);
                chain.append(AuditEvent.unitSealed(station, lot, n, finished, result, null, null, null));
                chain.endOfWrite(station, true, finished);
                id = addEvent(w, id, n, station, lot, step, "DONE", at.plusMillis(800), "sealed PASS");
                break;
            }
            id = addEvent(w, id, n, station, lot, step, "STARTED", at, null);
            if (step == failedAt) {
                if (step == Step.VERIFY) {
                    lockEvidence(w, n, station, lot, false, at.plusMillis(300));
                }
                id = addEvent(w, id, n, station, lot, step, "FAILED", at.plusMillis(400), "HM-301 no answer");
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
                PreparedStatement certificate = w.certificate();
                certificate.setLong(1, n);
                certificate.setLong(2, n);
                certificate.setString(3, sha);
                certificate.setString(4, pem);
                certificate.setObject(5, utc(recorded));
                certificate.setLong(6, event);
                certificate.addBatch();
            } else if (step == Step.VERIFY) {
                lockEvidence(w, n, station, lot, true, at.plusMillis(600));
            }
            id = addEvent(w, id, n, station, lot, step, "DONE", done, detail(step, n));
        }
        return id;
    }

    private static void lockEvidence(Writers w, int n, String station, String lot, boolean locked, Instant at)
            throws SQLException {
        String observations = locked ? OBSERVATIONS_LOCKED : OBSERVATIONS_OPEN;
        long event = w.chain().append(AuditEvent.lockEvidence(station, lot, n, at, LOCK_LEVEL, locked, observations));
        w.chain().endOfWrite(station, false, at);
        PreparedStatement lock = w.lock();
        lock.setLong(1, n);
        lock.setString(2, LOCK_LEVEL);
        lock.setBoolean(3, locked);
        lock.setString(4, observations);
        lock.setLong(5, event);
        lock.addBatch();
    }

    private static long addEvent(Writers w, long previousId, int unit, String station, String lot, Step step,
                                 String status, Instant at, String detail) throws SQLException {
        long eventId = w.chain().append(AuditEvent.step(station, lot, unit, at, step.name(), status, detail));
        w.chain().endOfWrite(station, false, at);
        PreparedStatement event = w.event();
        long id = previousId + 1;
        event.setLong(1, id);
        event.setLong(2, unit);
        event.setString(3, step.name());
        event.setString(4, status);
        event.setObject(5, utc(at));
        if (detail == null) {
            event.setNull(6, Types.VARCHAR);
        } else {
            event.setString(6, detail);
        }
        event.setLong(7, eventId);
        event.addBatch();
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
