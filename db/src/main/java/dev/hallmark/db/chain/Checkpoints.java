package dev.hallmark.db.chain;

import dev.hallmark.engine.api.ProvisioningException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/** Writes and reads signed checkpoints ({@code audit_checkpoints}) inside the caller's transaction. */
public final class Checkpoints {

    static final String COLUMNS = "id, station, seq, head_hash, created_at, reason, signer_key_sha256,"
            + " signer_public_key, signer_ref, signer_cert_sha256, signature_alg, signature";

    private Checkpoints() {
    }

    /**
     * Signs the station's current head and stores the checkpoint; empty when the chain has no event yet. The head
     * row stays locked until the caller's transaction ends, so the head cannot move while it is signed.
     */
    public static Optional<Checkpoint> write(Connection c, String station, CheckpointReason reason,
                                             CheckpointSigner signer, Instant at)
            throws SQLException, ProvisioningException {
        ChainAppender.Head head = ChainAppender.lockHead(c, station);
        if (head.seq() == 0) {
            return Optional.empty();
        }
        Instant createdAt = at.truncatedTo(ChronoUnit.MICROS);
        byte[] signed = ChainFormat.checkpointBytes(station, head.seq(), head.hash(), createdAt, reason.name(),
                signer.keySha256(), signer.certificateSha256(), signer.algorithm());
        String signature = Base64.getEncoder().encodeToString(signer.sign(signed));
        String sql = "insert into audit_checkpoints (station, seq, head_hash, created_at, reason, signer_key_sha256,"
                + " signer_public_key, signer_ref, signer_cert_sha256, signature_alg, signature)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, station);
            ps.setLong(2, head.seq());
            ps.setString(3, head.hash());
            EventRows.setInstant(ps, 4, createdAt);
            ps.setString(5, reason.name());
            ps.setString(6, signer.keySha256());
            ps.setString(7, signer.publicKeyBase64());
            ps.setString(8, signer.reference());
            ps.setString(9, signer.certificateSha256());
            ps.setString(10, signer.algorithm());
            ps.setString(11, signature);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new checkpoint", "02000");
                }
                return Optional.of(new Checkpoint(keys.getLong(1), station, head.seq(), head.hash(), createdAt,
                        reason.name(), signer.keySha256(), signer.publicKeyBase64(), signer.reference(),
                        signer.certificateSha256(), signer.algorithm(), signature));
            }
        }
    }

    /** The highest seq a checkpoint of the station covers, 0 if it has none. */
    public static long lastSeq(Connection c, String station) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select coalesce(max(seq), 0) from audit_checkpoints where station = ?")) {
            ps.setString(1, station);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads the checkpoint at the cursor, as stored; columns {@link #COLUMNS}. */
    static Checkpoint read(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong("id"), rs.getString("station"), rs.getLong("seq"), rs.getString("head_hash"),
                EventRows.getInstant(rs, "created_at"), rs.getString("reason"), rs.getString("signer_key_sha256"),
                rs.getString("signer_public_key"), rs.getString("signer_ref"), rs.getString("signer_cert_sha256"),
                rs.getString("signature_alg"), rs.getString("signature"));
    }
}
