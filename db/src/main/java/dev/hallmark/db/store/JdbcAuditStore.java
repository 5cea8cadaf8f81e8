package dev.hallmark.db.store;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.UnitRecord;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AuditStore} on a JDBC database (H2 embedded or PostgreSQL); thread-safe, each call on a pooled
 * connection. The database itself enforces one live claim per device and unique serials and certificates.
 */
public final class JdbcAuditStore implements AuditStore {

    private final Sql sql;
    private final UnitClaims claims;
    private final UnitEvidence evidence;
    private final UnitSeal seal;

    JdbcAuditStore(ConnectionPool pool) {
        this.sql = new Sql(pool);
        this.claims = new UnitClaims(sql);
        this.evidence = new UnitEvidence(sql);
        this.seal = new UnitSeal(sql);
    }

    /** Creates the lot; a lot that exists already must be of the same product profile. */
    @Override
    public void ensureLot(String lot, String profileName, Instant at) throws ProvisioningException {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(at, "at");
        String existing = sql.autoCommit("create lot " + lot, c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into lots (id, profile, created_at)"
                    + " select ?, ?, ? where not exists (select 1 from lots where id = ?)")) {
                ps.setString(1, lot);
                ps.setString(2, profileName);
                Sql.setInstant(ps, 3, at);
                ps.setString(4, lot);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select profile from lots where id = ?")) {
                ps.setString(1, lot);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        if (!existing.equals(profileName)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "lot " + lot + " was started with product profile " + existing + ", not " + profileName);
        }
    }

    @Override
    public long begin(String lot, String station, String fixture, Instant at) throws ProvisioningException {
        Objects.requireNonNull(at, "at");
        return sql.autoCommit("start a unit on fixture " + fixture + " in lot " + lot, c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into units (lot_id, station, fixture, result,"
                    + " started_at) values (?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, lot);
                ps.setString(2, station);
                ps.setString(3, fixture);
                ps.setString(4, UnitResult.IN_PROGRESS.name());
                Sql.setInstant(ps, 5, at);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new unit", "02000");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** {@inheritDoc} Claiming again for the same unit and device (a resumed unit) returns the same serial. */
    @Override
    public String claim(long unitId, DeviceUid uid, String chipFamily, String serialPrefix)
            throws ProvisioningException {
        return claims.claim(unitId, Objects.requireNonNull(uid, "uid"), Objects.requireNonNull(chipFamily,
                "chipFamily"), Objects.requireNonNull(serialPrefix, "serialPrefix"));
    }

    @Override
    public void recordStep(long unitId, StepEvent event) throws ProvisioningException {
        Objects.requireNonNull(event.step(), "event.step");
        Objects.requireNonNull(event.status(), "event.status");
        Objects.requireNonNull(event.at(), "event.at");
        sql.autoCommit("record step " + event.step() + " " + event.status() + " of unit #" + unitId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into step_events (unit_id, step, status, at, detail) values (?, ?, ?, ?, ?)")) {
                ps.setLong(1, unitId);
                ps.setString(2, event.step().name());
                ps.setString(3, event.status().name());
                Sql.setInstant(ps, 4, event.at());
                ps.setString(5, Sql.fit(event.detail(), 2000));
                return ps.executeUpdate();
            }
        });
    }

    /** {@inheritDoc} Recording the unit's own certificate again changes nothing; a new one supersedes it. */
    @Override
    public void recordCertificate(long unitId, X509Certificate certificate) throws ProvisioningException {
        evidence.recordCertificate(unitId, Objects.requireNonNull(certificate, "certificate"));
    }

    /** {@inheritDoc} Evidence observed again (a resumed VERIFY) replaces the earlier one until the unit is sealed. */
    @Override
    public void recordLockEvidence(long unitId, LockEvidence lockEvidence) throws ProvisioningException {
        evidence.recordLockEvidence(unitId, Objects.requireNonNull(lockEvidence, "lockEvidence"));
    }

    /** {@inheritDoc} A unit that failed before any irreversible step gives its device claim back. */
    @Override
    public void finish(long unitId, UnitOutcome outcome, Instant at) throws ProvisioningException {
        seal.finish(unitId, Objects.requireNonNull(outcome, "outcome"), at);
    }

    @Override
    public List<UnitRecord> units(String lot) throws ProvisioningException {
        return sql.autoCommit("read the units of " + (lot == null ? "all lots" : "lot " + lot),
                c -> UnitQueries.units(c, lot));
    }

    @Override
    public List<StepEvent> events(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the journal of unit #" + unitId, c -> UnitQueries.events(c, unitId));
    }

    /** One unit by its row id. */
    public Optional<UnitRecord> unit(long unitId) throws ProvisioningException {
        return sql.autoCommit("read unit #" + unitId, c -> UnitQueries.unit(c, unitId));
    }

    /** The unit that holds a serial. */
    public Optional<UnitRecord> unitBySerial(String serial) throws ProvisioningException {
        return sql.autoCommit("look up serial " + serial, c -> UnitQueries.unitBySerial(c, serial));
    }

    /** Every attempt on a device, by its UID, in the order they started. */
    public List<UnitRecord> unitsByUid(DeviceUid uid) throws ProvisioningException {
        return sql.autoCommit("look up device " + uid.hex(), c -> UnitQueries.unitsByUid(c, uid.hex()));
    }

    /** The lock evidence recorded for a unit, if any. */
    public Optional<LockEvidence> lockEvidence(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the lock evidence of unit #" + unitId, c -> UnitQueries.lockEvidence(c, unitId));
    }
}
