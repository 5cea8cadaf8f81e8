package dev.hallmark.db.bench;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates realistic unit records and bulk-loads them with batched inserts: lots of {@value #LOT_SIZE} units,
 * four stations of eight fixtures, ~3% failures spread over the steps, the full journal of each unit
 * (18 events when it passes), its UID claim, certificate and lock evidence. One real certificate is made once
 * and recorded for every unit; each unit's fingerprint is derived from it and the unit number, so fingerprints
 * are unique as the schema demands but do not match the PEM (a manifest export of generated data refuses so).
 * Seeded: the same arguments give the same records.
 */
final class RecordGenerator {

    static final int LOT_SIZE = 10_000;
    static final String SERIAL_PREFIX = "HM";
    static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    private static final Logger LOG = LoggerFactory.getLogger(RecordGenerator.class);
    private static final int BATCH_UNITS = 1_000;
    private static final int PROGRESS_UNITS = 100_000;
    private static final int STATIONS = 4;
    private static final int FIXTURES = 8;
    private static final Step[] STEPS = Step.values();
    private static final String OBSERVATIONS_LOCKED =
            "[\"READ_MEMORY 0x08000000 -> NACK 0x1F\",\"GET_ID -> 0x0413\",\"RDP level -> 1\"]";
    private static final String OBSERVATIONS_OPEN = "[\"READ_MEMORY 0x08000000 -> ACK 0x79\",\"GET_ID -> 0x0413\"]";

    private final String certificatePem;
    private final byte[] certificateDer;
    private final Random random;

    RecordGenerator(X509Certificate certificate, long seed) {
        this.certificatePem = Pem.certificate(certificate);
        try {
            this.certificateDer = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the benchmark certificate cannot be encoded", e);
        }
        this.random = new Random(seed);
    }

    /** The serial of unit number {@code n} (1-based), as the generator writes it. */
    static String serial(long n) {
        return SERIAL_PREFIX + String.format(Locale.ROOT, "%07d", n);
    }

    /** Loads {@code units} units into the empty schema on {@code c}; returns how many step events it wrote. */
    long load(Connection c, int units) throws SQLException {
        c.setAutoCommit(false);
        long events = 0;
        try (PreparedStatement lot = c.prepareStatement("insert into lots (id, profile, created_at) values (?, ?, ?)");
             PreparedStatement unit = c.prepareStatement("insert into units (id, lot_id, serial, uid, chip_family,"
                     + " station, fixture, result, failed_step, error_code, cause, started_at, finished_at, cert_pem,"
                     + " cert_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement claim = c.prepareStatement(
                     "insert into uid_claims (chip_family, uid, unit_id) values (?, ?, ?)");
             PreparedStatement event = c.prepareStatement("insert into step_events (id, unit_id, step, status, at,"
                     + " detail) values (?, ?, ?, ?, ?, ?)");
             PreparedStatement lock = c.prepareStatement(
                     "insert into lock_evidence (unit_id, level, locked, observations) values (?, ?, ?, ?)")) {
            for (int n = 1; n <= units; n++) {
                if ((n - 1) % LOT_SIZE == 0) {
                    lot.setString(1, lotOf(n));
                    lot.setString(2, "sensor-v2");
                    lot.setObject(3, utc(startOf(n)));
                    lot.executeUpdate();
                }
                events = addUnit(n, events, unit, claim, event, lock);
                if (n % BATCH_UNITS == 0 || n == units) {
                    unit.executeBatch();
                    claim.executeBatch();
                    event.executeBatch();
                    lock.executeBatch();
                    c.commit();
                    if (n % PROGRESS_UNITS == 0) {
                        LOG.info("generated {} of {} units", n, units);
                    }
                }
            }
        }
        restartIdentity(c, "units", units + 1L);
        restartIdentity(c, "step_events", events + 1);
        c.commit();
        c.setAutoCommit(true);
        return events;
    }

    private long addUnit(int n, long events, PreparedStatement unit, PreparedStatement claim,
                         PreparedStatement event, PreparedStatement lock) throws SQLException {
        Step failedAt = random.nextInt(100) < 3 ? STEPS[random.nextInt(STEPS.length - 1)] : null;
        boolean issued = failedAt == null || failedAt.ordinal() > Step.ISSUE.ordinal();
        Instant started = startOf(n);
        Instant finished = started.plusMillis(8_000 + random.nextInt(4_000));
        String uid = String.format(Locale.ROOT, "0033002a3131510c%08x", n);
        unit.setLong(1, n);
        unit.setString(2, lotOf(n));
        unit.setString(3, serial(n));
        unit.setString(4, uid);
        unit.setString(5, "STM32F4");
        unit.setString(6, "ST-0" + (1 + n % STATIONS));
        unit.setString(7, "F" + (1 + n % FIXTURES));
        unit.setString(8, failedAt == null ? "PASS" : "FAILED");
        unit.setString(9, failedAt == null ? null : failedAt.name());
        unit.setString(10, failedAt == null ? null : "HM-301");
        unit.setString(11, failedAt == null ? null : "the device stopped answering during " + failedAt);
        unit.setObject(12, utc(started));
        unit.setObject(13, utc(finished));
        unit.setString(14, issued ? certificatePem : null);
        unit.setString(15, issued ? fingerprint(n) : null);
        unit.addBatch();
        claim.setString(1, "STM32F4");
        claim.setString(2, uid);
        claim.setLong(3, n);
        claim.addBatch();
        long id = events;
        for (Step step : STEPS) {
            Instant at = started.plusMillis(step.ordinal() * 900L);
            id = addEvent(event, id, n, step, "STARTED", at, null);
            if (step == failedAt) {
                id = addEvent(event, id, n, step, "FAILED", at.plusMillis(400), "HM-301 no answer");
                break;
            }
            id = addEvent(event, id, n, step, "DONE", at.plusMillis(800), detail(step, n));
        }
        if (failedAt == null || failedAt == Step.VERIFY || failedAt == Step.SEAL) {
            boolean locked = failedAt != Step.VERIFY;
            lock.setLong(1, n);
            lock.setString(2, "READOUT_PROTECTED");
            lock.setBoolean(3, locked);
            lock.setString(4, locked ? OBSERVATIONS_LOCKED : OBSERVATIONS_OPEN);
            lock.addBatch();
        }
        return id;
    }

    private static long addEvent(PreparedStatement event, long previousId, int unit, Step step, String status,
                                 Instant at, String detail) throws SQLException {
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

    /** A unique, stable stand-in fingerprint: SHA-256 over the certificate and the unit number. */
    private String fingerprint(int n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(certificateDer);
            sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
