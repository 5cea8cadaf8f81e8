package dev.hallmark.db.bench;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainFormat;
import dev.hallmark.db.chain.CheckpointReason;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The generator's audit chain: the events a station's {@code JdbcAuditStore} appends for each write, hashed in the
 * canonical encoding and chained per station, and the checkpoints the store signs (one over every sealed unit and
 * one at least every 256 events), signed with a software EC P-256 key that stands in for the station key in the
 * HSM (signed with Bouncy Castle, several times faster than the JDK's P-256 here: a million signatures are part of
 * the load). Batched inserts with explicit ids; the caller commits.
 */
final class BenchChain implements AutoCloseable {

    private static final int CHECKPOINT_EVERY = 256;
    private static final String ALGORITHM = "SHA256withECDSA";

    private final PreparedStatement events;
    private final PreparedStatement checkpoints;
    private final Map<String, long[]> seqs = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();
    private final Map<String, Long> signedSeq = new HashMap<>();
    private final Map<String, Instant> lastAt = new HashMap<>();
    private final KeyPair key;
    private final String keyBase64;
    private final String keySha256;
    private final Signature signer;
    private long nextId = 1;
    private long written;

    BenchChain(Connection c, long seed) throws SQLException {
        this.events = c.prepareStatement("insert into audit_events (id, station, seq, kind, lot_id, unit_id, at,"
                + " profile, fixture, serial, uid, chip_family, step, status, result, failed_step, error_code,"
                + " lock_level, locked, cert_sha256, detail, prev_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.checkpoints = c.prepareStatement("insert into audit_checkpoints (station, seq, head_hash, created_at,"
                + " reason, signer_key_sha256, signer_public_key, signer_ref, signer_cert_sha256, signature_alg,"
                + " signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            // a Bouncy Castle key: BC keeps its fixed-point tables with the key's curve, while a JDK key would be
            // converted, and those tables computed again, on every initSign
            BouncyCastleProvider bc = new BouncyCastleProvider();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            this.key = generator.generateKeyPair();
            this.signer = Signature.getInstance(ALGORITHM, bc);
            signer.initSign(key.getPrivate(), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the benchmark's station key could not be made", e);
        }
        byte[] spki = key.getPublic().getEncoded();
        this.keyBase64 = Base64.getEncoder().encodeToString(spki);
        this.keySha256 = ChainFormat.sha256Hex(spki);
    }

    /** Appends the event to its station's chain; returns the event's id. */
    long append(AuditEvent e) throws SQLException {
        long[] seq = seqs.computeIfAbsent(e.station(), s -> new long[1]);
        String prev = hashes.getOrDefault(e.station(), ChainFormat.GENESIS);
        long s = ++seq[0];
        String hash = ChainFormat.eventHash(e, s, prev);
        long id = nextId++;
        int i = 1;
        events.setLong(i++, id);
        events.setString(i++, e.station());
        events.setLong(i++, s);
        events.setString(i++, e.kind().name());
        events.setString(i++, e.lotId());
        events.setLong(i++, e.unitId());
        events.setObject(i++, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
        for (String v : new String[] {e.profile(), e.fixture(), e.serial(), e.uid(), e.chipFamily(), e.step(),
                e.status(), e.result(), e.failedStep(), e.errorCode(), e.lockLevel()}) {
            events.setString(i++, v);
        }
        if (e.locked() == null) {
            events.setNull(i++, Types.BOOLEAN);
        } else {
            events.setBoolean(i++, e.locked());
        }
        events.setString(i++, e.certSha256());
        events.setString(i++, e.detail());
        events.setString(i++, prev);
        events.setString(i, hash);
        events.addBatch();
        hashes.put(e.station(), hash);
        written++;
        return id;
    }

    /** After a write ends: signs a checkpoint when the store would (the write sealed a unit, or 256 events passed). */
    void endOfWrite(String station, boolean sealed, Instant at) throws SQLException {
        long seq = seqs.get(station)[0];
        long signed = signedSeq.getOrDefault(station, 0L);
        lastAt.put(station, at);
        if (!sealed && seq - signed < CHECKPOINT_EVERY) {
            return;
        }
        sign(station, sealed ? CheckpointReason.SEAL : CheckpointReason.INTERVAL, at);
    }

    private void sign(String station, CheckpointReason reason, Instant at) throws SQLException {
        long seq = seqs.get(station)[0];
        String head = hashes.get(station);
        byte[] bytes = ChainFormat.checkpointBytes(station, seq, head, at, reason.name(), keySha256, null, ALGORITHM);
        String signature;
        try {
            signer.update(bytes);
            signature = Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the benchmark's station key could not sign", e);
        }
        int i = 1;
        checkpoints.setString(i++, station);
        checkpoints.setLong(i++, seq);
        checkpoints.setString(i++, head);
        checkpoints.setObject(i++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        checkpoints.setString(i++, reason.name());
        checkpoints.setString(i++, keySha256);
        checkpoints.setString(i++, keyBase64);
        checkpoints.setString(i++, "bench-token/station-key#01");
        checkpoints.setNull(i++, Types.VARCHAR);
        checkpoints.setString(i++, ALGORITHM);
        checkpoints.setString(i, signature);
        checkpoints.addBatch();
        signedSeq.put(station, seq);
    }

    void executeBatch() throws SQLException {
        events.executeBatch();
        checkpoints.executeBatch();
    }

    /** Events appended so far. */
    long events() {
        return written;
    }

    /**
     * Signs a closing checkpoint for each station with events after its last one (as the store does when the
     * database closes), writes each station's chain head and lets generated event ids go on after the loaded ones.
     */
    void finish(Connection c) throws SQLException {
        for (Map.Entry<String, long[]> s : seqs.entrySet()) {
            if (signedSeq.getOrDefault(s.getKey(), 0L) < s.getValue()[0]) {
                sign(s.getKey(), CheckpointReason.CLOSE, lastAt.get(s.getKey()));
            }
        }
        executeBatch();
        try (PreparedStatement ps = c.prepareStatement(
                "insert into audit_chain_heads (station, seq, hash) values (?, ?, ?)")) {
            for (Map.Entry<String, long[]> s : seqs.entrySet()) {
                ps.setString(1, s.getKey());
                ps.setLong(2, s.getValue()[0]);
                ps.setString(3, hashes.get(s.getKey()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table audit_events alter column id restart with " + nextId);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            events.close();
        } finally {
            checkpoints.close();
        }
    }
}
