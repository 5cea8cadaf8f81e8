package dev.hallmark.db.chain;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.failed;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;

import dev.hallmark.db.store.AuditOptions;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.nio.file.Path;

/** Builds realistic unit histories through the store, and reaches under it with SQL as a tamperer would. */
public final class History {

    public static final String LOT = "LOT-2026-007";
    public static final String CHIP = "STM32F4";

    private History() {
    }

    /** A software station key (testkit fake) and options that sign with it; the clock is fixed at the test day. */
    public static AuditOptions signed(SoftwareKeyStore keys) throws ProvisioningException {
        return AuditOptions.defaults().withClock(Clock.fixed(at(0), ZoneOffset.UTC))
                .withSigner(new CheckpointSigner(keys, keys.generate(KeySpec.EC_P256, "station-checkpoints",
                        KeyPolicy.TOKEN_NON_EXTRACTABLE)));
    }

    public static SoftwareKeyStore keys() {
        return new SoftwareKeyStore(new SecureRandom());
    }

    /** A unit that goes through every step and passes; returns its id. */
    public static long passUnit(JdbcAuditStore store, String station, int device) throws ProvisioningException {
        long id = store.begin(LOT, station, "F1", at(device));
        step(store, id, Step.IDENTIFY, "STM32F4 pid=0x413");
        String serial = store.claim(id, uid(device), CHIP, "HM");
        step(store, id, Step.CLAIM, "serial " + serial);
        step(store, id, Step.KEYGEN, "key generated");
        step(store, id, Step.CSR, "PKCS#10");
        X509Certificate cert = certificate(serial);
        store.recordCertificate(id, cert);
        step(store, id, Step.ISSUE, "certificate " + Pem.sha256(cert));
        step(store, id, Step.INSTALL, "identity written");
        step(store, id, Step.LOCK, "lock requested");
        store.recordLockEvidence(id, evidence(true));
        step(store, id, Step.VERIFY, "locked");
        store.finish(id, passed(serial, uid(device), Pem.sha256(cert)), at(device + 1));
        return id;
    }

    /** A unit re-issued after a crash: its first certificate is superseded and revoked, VERIFY ran twice. */
    public static long resumedUnit(JdbcAuditStore store, String station, int device) throws ProvisioningException {
        long id = store.begin(LOT, station, "F2", at(device));
        String serial = store.claim(id, uid(device), CHIP, "HM");
        X509Certificate lost = certificate(serial);
        store.recordCertificate(id, lost);
        X509Certificate reissued = certificate(serial);
        store.recordCertificate(id, reissued);
        store.recordRevocation(id, Pem.sha256(lost), RevocationReason.SUPERSEDED, at(device));
        store.recordLockEvidence(id, evidence(false));
        store.recordLockEvidence(id, evidence(true));
        step(store, id, Step.VERIFY, "locked on the second look");
        store.finish(id, passed(serial, uid(device), Pem.sha256(reissued)), at(device + 2));
        return id;
    }

    /** A unit whose CA did not answer: it fails at ISSUE and gives its device back. */
    public static long failUnit(JdbcAuditStore store, String station, int device) throws ProvisioningException {
        long id = store.begin(LOT, station, "F3", at(device));
        String serial = store.claim(id, uid(device), CHIP, "HM");
        store.recordStep(id, new StepEvent(Step.ISSUE, StepStatus.FAILED, at(device), "CA unreachable"));
        store.finish(id, failed(serial, uid(device), Step.ISSUE, ErrorCode.CA_UNAVAILABLE, "the CA did not answer"),
                at(device + 1));
        return id;
    }

    public static void step(JdbcAuditStore store, long id, Step step, String detail) throws ProvisioningException {
        store.recordStep(id, new StepEvent(step, StepStatus.STARTED, at(3), null));
        store.recordStep(id, new StepEvent(step, StepStatus.DONE, at(4), detail));
    }

    /** A raw connection to the station's H2 file, beside the open audit database, as a tamperer would use. */
    public static Connection sqlConsole(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("hallmark"), "sa", "");
    }

    public static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    public static long longValue(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row for " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    public static String string(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row for " + sql);
                }
                return rs.getString(1);
            }
        }
    }

    /** Inserts a forged event with a correctly computed hash, as a tamperer who knows the format would. */
    public static long forge(Connection c, long seq, String prevHash, AuditEvent e) throws SQLException {
        return EventRows.insert(c, e, seq, prevHash, ChainFormat.eventHash(e, seq, prevHash));
    }

    /** Overwrites the event fields of a row, leaving its place in the chain (station, seq, hashes) as it was. */
    public static void overwriteFields(Connection c, long id, AuditEvent e) throws SQLException {
        exec(c, "update audit_events set kind = ?, lot_id = ?, unit_id = ?, at = ?, profile = ?, fixture = ?,"
                + " serial = ?, uid = ?, chip_family = ?, step = ?, status = ?, result = ?, failed_step = ?,"
                + " error_code = ?, lock_level = ?, locked = ?, cert_sha256 = ?, detail = ? where id = ?",
                e.kind().name(), e.lotId(), e.unitId(), java.time.OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC),
                e.profile(), e.fixture(), e.serial(), e.uid(), e.chipFamily(), e.step(), e.status(), e.result(),
                e.failedStep(), e.errorCode(), e.lockLevel(), e.locked(), e.certSha256(), e.detail(), id);
    }

    /** Recomputes every hash of the station from {@code fromSeq} on and moves the head: a full rewrite. */
    public static void rehash(Connection c, String station, long fromSeq) throws SQLException {
        String prev = fromSeq == 1 ? ChainFormat.GENESIS : event(c, station, fromSeq - 1).hash();
        long last = longValue(c, "select max(seq) from audit_events where station = ?", station);
        for (long seq = fromSeq; seq <= last; seq++) {
            ChainedEvent e = event(c, station, seq);
            String hash = ChainFormat.eventHash(e.event(), seq, prev);
            exec(c, "update audit_events set prev_hash = ?, hash = ? where id = ?", prev, hash, e.id());
            prev = hash;
        }
        exec(c, "update audit_chain_heads set seq = ?, hash = ? where station = ?", last, prev, station);
    }

    /** The event of the station at seq, as stored. */
    public static ChainedEvent event(Connection c, String station, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + EventRows.COLUMNS
                + " from audit_events where station = ? and seq = ?")) {
            ps.setString(1, station);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no event at seq " + seq);
                }
                return EventRows.read(rs);
            }
        }
    }
}
