package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainedEvent;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.RevocationReason;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what proves a unit: its certificates (every one kept in {@code unit_certificates}, the current one also
 * on the unit), their revocations, and the lock evidence VERIFY observed; each chained as an event.
 */
final class UnitEvidence {

    private static final Logger LOG = LoggerFactory.getLogger(UnitEvidence.class);
    private static final int PEM_WIDTH = 8000;
    private static final int OBSERVATIONS_WIDTH = 4000;

    private final ChainLog chain;
    private final UnitPlaces places;

    UnitEvidence(ChainLog chain, UnitPlaces places) {
        this.chain = chain;
        this.places = places;
    }

    void recordCertificate(long unitId, X509Certificate certificate) throws ProvisioningException {
        String pem = Pem.certificate(certificate);
        String sha = Pem.sha256(certificate);
        if (pem.length() > PEM_WIDTH) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the certificate of unit #" + unitId
                    + " has " + pem.length() + " characters of PEM, more than the " + PEM_WIDTH + " the database holds");
        }
        UnitPlaces.Place place = places.of(unitId);
        chain.write(place.station(), "record the certificate of unit #" + unitId, (c, log) -> {
            UnitState unit = UnitState.lock(c, unitId).requireOpen("certificate");
            if (sha.equals(unit.certSha256())) {
                return null;
            }
            refuseRecorded(c, unit, sha);
            String note = null;
            if (unit.certSha256() != null) {
                LOG.warn("unit {}: certificate {} is superseded by certificate {}", unit.name(), unit.certSha256(),
                        sha);
                note = "supersedes certificate " + unit.certSha256();
            }
            Instant now = chain.options().clock().instant();
            ChainedEvent event = log.append(AuditEvent.certificate(place.station(), place.lot(), unitId, now, sha,
                    note));
            refuseIssuerSerial(c, certificate);
            try (PreparedStatement ps = c.prepareStatement("insert into unit_certificates (unit_id, cert_sha256,"
                    + " cert_pem, recorded_at, event_id, issuer_sha256, cert_serial) values (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, unitId);
                ps.setString(2, sha);
                ps.setString(3, pem);
                Sql.setInstant(ps, 4, now);
                ps.setLong(5, event.id());
                ps.setString(6, issuerSha256(certificate));
                ps.setString(7, certificate.getSerialNumber().toString(16));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw duplicate(e, sha);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update units set cert_pem = ?, cert_sha256 = ? where id = ?")) {
                ps.setString(1, pem);
                ps.setString(2, sha);
                ps.setLong(3, unitId);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw duplicate(e, sha);
            }
            return null;
        });
    }

    void recordRevocation(long unitId, String sha, RevocationReason reason, Instant at) throws ProvisioningException {
        UnitPlaces.Place place = places.of(unitId);
        chain.write(place.station(), "record the revocation of certificate " + sha + " of unit #" + unitId,
                (c, log) -> {
                    if (!recordedFor(c, unitId, sha)) {
                        throw new ProvisioningException(ErrorCode.INTERNAL, "certificate " + sha
                                + " is not recorded for unit #" + unitId + ", so its revocation cannot be");
                    }
                    if (revoked(c, sha)) {
                        return null;
                    }
                    log.append(AuditEvent.certificateRevoked(place.station(), place.lot(), unitId, at, sha,
                            reason.name() + " (CRLReason " + reason.code() + ")"));
                    return null;
                });
        LOG.info("unit #{}: revocation of certificate {} ({}) recorded", unitId, sha, reason);
    }

    void recordLockEvidence(long unitId, LockEvidence evidence) throws ProvisioningException {
        String observations = UnitQueries.encodeObservations(evidence.observations());
        if (observations.length() > OBSERVATIONS_WIDTH) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the lock evidence of unit #" + unitId
                    + " has " + observations.length() + " characters of observations, more than the "
                    + OBSERVATIONS_WIDTH + " the database holds");
        }
        UnitPlaces.Place place = places.of(unitId);
        chain.write(place.station(), "record the lock evidence of unit #" + unitId, (c, log) -> {
            UnitState.lock(c, unitId).requireOpen("lock evidence");
            ChainedEvent event = log.append(AuditEvent.lockEvidence(place.station(), place.lot(), unitId,
                    chain.options().clock().instant(), evidence.level().name(), evidence.locked(), observations));
            try (PreparedStatement up = c.prepareStatement("update lock_evidence set level = ?, locked = ?,"
                    + " observations = ?, event_id = ? where unit_id = ?")) {
                bind(up, evidence, observations, event.id());
                up.setLong(5, unitId);
                if (up.executeUpdate() > 0) {
                    LOG.info("unit #{}: lock evidence observed again replaces the earlier one", unitId);
                    return null;
                }
            }
            try (PreparedStatement in = c.prepareStatement("insert into lock_evidence (level, locked, observations,"
                    + " event_id, unit_id) values (?, ?, ?, ?, ?)")) {
                bind(in, evidence, observations, event.id());
                in.setLong(5, unitId);
                in.executeUpdate();
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, LockEvidence evidence, String observations, long eventId)
            throws SQLException {
        ps.setString(1, evidence.level().name());
        ps.setBoolean(2, evidence.locked());
        ps.setString(3, observations);
        ps.setLong(4, eventId);
    }

    /** A certificate recorded before, for any unit, is never recorded again: not even a superseded one. */
    private static void refuseRecorded(Connection c, UnitState unit, String sha)
            throws SQLException, ProvisioningException {
        String sql = "select u.id, u.serial from units u where u.cert_sha256 = ?"
                + " union select u.id, u.serial from unit_certificates m join units u on u.id = m.unit_id"
                + " where m.cert_sha256 = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sha);
            ps.setString(2, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                if (rs.getLong("id") == unit.id()) {
                    throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, "certificate " + sha
                            + " was recorded for unit " + unit.name() + " before and superseded; it cannot return");
                }
                String serial = rs.getString("serial");
                throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, "certificate " + sha
                        + " is already recorded for unit " + (serial != null ? serial : "#" + rs.getLong("id")));
            }
        }
    }

    /** SHA-256 of the issuer name's DER, lower-case hex: with the serial, what an issuer never repeats. */
    static String issuerSha256(X509Certificate certificate) {
        return dev.hallmark.db.chain.ChainFormat.sha256Hex(certificate.getIssuerX500Principal().getEncoded());
    }

    /** An issuer never issues two certificates with one serial: a second one is a CA fault or a forgery. */
    private static void refuseIssuerSerial(Connection c, X509Certificate certificate)
            throws SQLException, ProvisioningException {
        String serial = certificate.getSerialNumber().toString(16);
        String sql = "select u.id, u.serial from unit_certificates m join units u on u.id = m.unit_id"
                + " where m.issuer_sha256 = ? and m.cert_serial = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, issuerSha256(certificate));
            ps.setString(2, serial);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String unit = rs.getString("serial");
                    throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, "certificate serial " + serial
                            + " of issuer " + certificate.getIssuerX500Principal().getName() + " is already recorded"
                            + " for unit " + (unit != null ? unit : "#" + rs.getLong("id")));
                }
            }
        }
    }

    private static boolean recordedFor(Connection c, long unitId, String sha) throws SQLException {
        String sql = "select count(*) from units where id = ? and cert_sha256 = ?";
        String kept = "select count(*) from unit_certificates where unit_id = ? and cert_sha256 = ?";
        return count(c, sql, unitId, sha) + count(c, kept, unitId, sha) > 0;
    }

    private static boolean revoked(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from audit_events where kind = 'CERTIFICATE_REVOKED' and cert_sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static long count(Connection c, String sql, long unitId, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, unitId);
            ps.setString(2, sha);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static SQLException duplicate(SQLException e, String sha) throws ProvisioningException {
        if (Sql.isUniqueViolation(e)) {
            throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE,
                    "certificate " + sha + " (or its issuer and serial) is already recorded for another unit",
                    e.getSQLState(), e);
        }
        return e;
    }
}
