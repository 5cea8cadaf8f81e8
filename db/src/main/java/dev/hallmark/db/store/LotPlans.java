package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Lots with a plan (V4): opening one with its quota and serial scheme (the manifest's serials in {@code
 * lot_serials}), closing it, and its report. The claim-time half (quota, closed lot, next serial) is {@link LotSlot}.
 */
final class LotPlans {

    private final Sql sql;

    LotPlans(Sql sql) {
        this.sql = sql;
    }

    /** Opens the lot, or checks that it was opened with the same plan. */
    void open(LotPlan plan, Instant at) throws ProvisioningException {
        String manifestSha = plan.serials().isManifest() ? manifestSha256(plan) : null;
        String pattern = plan.serials().pattern();
        sql.transaction("open lot " + plan.lot(), c -> {
            try (PreparedStatement ps = c.prepareStatement("select profile, quota, serial_pattern, manifest_sha256"
                    + " from lots where id = ? for update")) {
                ps.setString(1, plan.lot());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        requireSame(plan, rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2),
                                rs.getString(3), rs.getString(4), manifestSha);
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into lots (id, profile, created_at, quota, claimed,"
                    + " serial_pattern, manifest_sha256) values (?, ?, ?, ?, 0, ?, ?)")) {
                ps.setString(1, plan.lot());
                ps.setString(2, plan.profile());
                Sql.setInstant(ps, 3, at);
                ps.setLong(4, plan.quota());
                ps.setString(5, pattern);
                ps.setString(6, manifestSha);
                ps.executeUpdate();
            }
            if (plan.serials().isManifest()) {
                insertManifest(c, plan);
            }
            return null;
        });
    }

    private static void insertManifest(Connection c, LotPlan plan) throws SQLException, ProvisioningException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into lot_serials (lot_id, position, serial) values (?, ?, ?)")) {
            int position = 1;
            for (String serial : plan.serials().manifest()) {
                ps.setString(1, plan.lot());
                ps.setLong(2, position++);
                ps.setString(3, serial);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new ProvisioningException(ErrorCode.LOT_MANIFEST_INVALID, "the manifest of lot " + plan.lot()
                        + " names a serial that another lot's manifest already holds", e.getSQLState(), e);
            }
            throw e;
        }
    }

    private static void requireSame(LotPlan plan, String profile, Long quota, String pattern, String manifestSha,
                                    String wantedManifestSha) throws ProvisioningException {
        String was = "profile " + profile + ", quota " + (quota == null ? "none" : quota) + ", "
                + (pattern != null ? "serials " + pattern : manifestSha != null ? "a manifest" : "the profile's serials");
        boolean same = profile.equals(plan.profile()) && quota != null && quota == plan.quota()
                && Objects.equals(pattern, plan.serials().pattern()) && Objects.equals(manifestSha, wantedManifestSha);
        if (!same) {
            throw new ProvisioningException(ErrorCode.LOT_MISMATCH, "lot " + plan.lot() + " was opened with " + was
                    + (manifestSha != null && !manifestSha.equals(wantedManifestSha) ? " (another manifest)" : ""));
        }
    }

    /** Closes the lot; closing it again changes nothing. */
    void close(String lot, Instant at) throws ProvisioningException {
        sql.autoCommit("close lot " + lot, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update lots set closed_at = ? where id = ? and closed_at is null")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, lot);
                return ps.executeUpdate();
            }
        });
    }

    /** The lot's units by result, its quota and close. */
    LotReport report(String lot) throws ProvisioningException {
        return sql.autoCommit("read the report of lot " + lot, c -> {
            String profile = null;
            long quota = 0;
            Instant closed = null;
            try (PreparedStatement ps = c.prepareStatement("select profile, quota, closed_at from lots where id = ?")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        profile = rs.getString(1);
                        quota = rs.getLong(2);
                        closed = Sql.getInstant(rs, "closed_at");
                    }
                }
            }
            long passed = 0;
            long failed = 0;
            long open = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "select result, count(*) from units where lot_id = ? group by result")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case "PASS" -> passed = rs.getLong(2);
                            case "FAILED" -> failed = rs.getLong(2);
                            default -> open += rs.getLong(2);
                        }
                    }
                }
            }
            return new LotReport(lot, profile, quota, passed, failed, open, closed);
        });
    }

    static String manifestSha256(LotPlan plan) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String serial : plan.serials().manifest()) {
                sha.update(serial.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
