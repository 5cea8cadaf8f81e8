package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.LockEvidence;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records what proves a unit: its certificate (PEM and SHA-256) and the lock evidence VERIFY observed. */
final class UnitEvidence {

    private static final Logger LOG = LoggerFactory.getLogger(UnitEvidence.class);
    private static final int PEM_WIDTH = 8000;
    private static final int OBSERVATIONS_WIDTH = 4000;

    private final Sql sql;

    UnitEvidence(Sql sql) {
        this.sql = sql;
    }

    void recordCertificate(long unitId, X509Certificate certificate) throws ProvisioningException {
        String pem = Pem.certificate(certificate);
        String sha = Pem.sha256(certificate);
        if (pem.length() > PEM_WIDTH) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the certificate of unit #" + unitId
                    + " has " + pem.length() + " characters of PEM, more than the " + PEM_WIDTH + " the database holds");
        }
        sql.transaction("record the certificate of unit #" + unitId, c -> {
            UnitState unit = UnitState.lock(c, unitId).requireOpen("certificate");
            if (sha.equals(unit.certSha256())) {
                return null;
            }
            String holder = holderOf(c, sha);
            if (holder != null) {
                throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE,
                        "certificate " + sha + " is already recorded for unit " + holder);
            }
            if (unit.certSha256() != null) {
                LOG.warn("unit {}: certificate {} is superseded by certificate {}", unit.name(), unit.certSha256(),
                        sha);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update units set cert_pem = ?, cert_sha256 = ? where id = ?")) {
                ps.setString(1, pem);
                ps.setString(2, sha);
                ps.setLong(3, unitId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Sql.isUniqueViolation(e)) {
                    throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE,
                            "certificate " + sha + " is already recorded for another unit", e.getSQLState(), e);
                }
                throw e;
            }
            return null;
        });
    }

    void recordLockEvidence(long unitId, LockEvidence evidence) throws ProvisioningException {
        String observations = UnitQueries.encodeObservations(evidence.observations());
        if (observations.length() > OBSERVATIONS_WIDTH) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the lock evidence of unit #" + unitId
                    + " has " + observations.length() + " characters of observations, more than the "
                    + OBSERVATIONS_WIDTH + " the database holds");
        }
        sql.transaction("record the lock evidence of unit #" + unitId, c -> {
            UnitState.lock(c, unitId).requireOpen("lock evidence");
            try (PreparedStatement up = c.prepareStatement(
                    "update lock_evidence set level = ?, locked = ?, observations = ? where unit_id = ?")) {
                bind(up, evidence, observations);
                up.setLong(4, unitId);
                if (up.executeUpdate() > 0) {
                    LOG.info("unit #{}: lock evidence observed again replaces the earlier one", unitId);
                    return null;
                }
            }
            try (PreparedStatement in = c.prepareStatement(
                    "insert into lock_evidence (level, locked, observations, unit_id) values (?, ?, ?, ?)")) {
                bind(in, evidence, observations);
                in.setLong(4, unitId);
                in.executeUpdate();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, LockEvidence evidence, String observations) throws SQLException {
        ps.setString(1, evidence.level().name());
        ps.setBoolean(2, evidence.locked());
        ps.setString(3, observations);
    }

    private static String holderOf(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, serial from units where cert_sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String serial = rs.getString("serial");
                return serial != null ? serial : "#" + rs.getLong("id");
            }
        }
    }
}
