package dev.hallmark.db.store;

import dev.hallmark.db.chain.AuditEvent;
import dev.hallmark.db.chain.ChainedEvent;
import dev.hallmark.db.chain.Checkpoint;
import dev.hallmark.db.chain.CheckpointReason;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SoftwareBuild;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.LotStore;
import dev.hallmark.engine.port.ReworkRecords;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.KeyReference;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.UnitRecord;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link AuditStore}, {@link LotStore} and {@link ReworkRecords} on a JDBC database (H2 embedded or PostgreSQL);
 * thread-safe, each call on a pooled connection. The database itself enforces one live claim per device and unique
 * serials and certificates. Every write also appends its events to the station's audit chain in the same transaction
 * (docs/decisions/0003), so a write that cannot be chained is not kept, and throws AUDIT_WRITE_FAILED or
 * AUDIT_UNAVAILABLE.
 */
public final class JdbcAuditStore implements AuditStore, LotStore, ReworkRecords {

    private final Sql sql;
    private final ChainLog chain;
    private final UnitPlaces places;
    private final UnitClaims claims;
    private final UnitEvidence evidence;
    private final UnitSeal seal;
    private final LotPlans lots;
    private final UnitKeys keys;
    private final UnitControls controls;
    private final UnitRework rework;
    private final SoftwareBuild software;

    JdbcAuditStore(ConnectionPool pool, AuditOptions options) {
        this.sql = new Sql(pool);
        this.software = options.software();
        this.chain = new ChainLog(sql, options);
        this.places = new UnitPlaces(sql);
        this.claims = new UnitClaims(sql, chain, places);
        this.evidence = new UnitEvidence(chain, places);
        this.seal = new UnitSeal(chain, places);
        this.lots = new LotPlans(sql);
        this.keys = new UnitKeys(chain, places);
        this.controls = new UnitControls(chain, places);
        this.rework = new UnitRework(chain, places);
    }

    /**
     * Creates the lot and records the profile it is made to as a snapshot ({@code product_profiles}); each unit's
     * UNIT_BEGUN event then names that snapshot. A lot that exists already must be of the same profile, unchanged:
     * a changed profile is a new lot. A lot made before snapshots were kept gets this one.
     */
    @Override
    public void ensureLot(String lot, ProductProfile profile, Instant at) throws ProvisioningException {
        Objects.requireNonNull(profile, "profile");
        ensureLot(lot, profile.name(), at);
        ProfileSnapshot snapshot = ProfileSnapshot.of(profile);
        String recorded = sql.transaction("record the profile of lot " + lot, c -> {
            String sha = snapshot.insert(c, at);
            try (PreparedStatement ps = c.prepareStatement(
                    "update lots set profile_sha256 = ? where id = ? and profile_sha256 is null")) {
                ps.setString(1, sha);
                ps.setString(2, lot);
                ps.executeUpdate();
            }
            return profileSnapshotOf(c, lot);
        });
        if (!snapshot.sha256().equals(recorded)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "lot " + lot + " was started with another"
                    + " version of product profile " + profile.name() + " (snapshot " + recorded + "); a changed"
                    + " profile needs a new lot");
        }
    }

    /** {@inheritDoc} The key is chained as KEY_RECORDED; its public key may belong to this unit only. */
    @Override
    public void recordKey(long unitId, KeyReference key) throws ProvisioningException {
        keys.recordKey(unitId, Objects.requireNonNull(key, "key"));
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

    /** {@inheritDoc} The manifest's serials are kept in {@code lot_serials}; the manifest is compared by SHA-256. */
    @Override
    public void openLot(LotPlan plan, Instant at) throws ProvisioningException {
        lots.open(Objects.requireNonNull(plan, "plan"), Objects.requireNonNull(at, "at"));
    }

    @Override
    public void closeLot(String lot, Instant at) throws ProvisioningException {
        lots.close(Objects.requireNonNull(lot, "lot"), Objects.requireNonNull(at, "at"));
    }

    @Override
    public LotReport lotReport(String lot) throws ProvisioningException {
        return lots.report(Objects.requireNonNull(lot, "lot"));
    }

    /** {@inheritDoc} Read through the index on (station, result, lot). */
    @Override
    public List<UnitRecord> unfinished(String station, String lot) throws ProvisioningException {
        return sql.autoCommit("find the unfinished units of station " + station,
                c -> UnitQueries.unfinished(c, station, lot));
    }

    /**
     * {@inheritDoc} The unit's UNIT_BEGUN event starts its part of the station's chain; it names the lot's profile
     * snapshot and the software that made the unit ({@link #SOFTWARE}), which the unit row keeps too.
     */
    @Override
    public long begin(String lot, String station, String fixture, Instant at) throws ProvisioningException {
        return begin(lot, station, fixture, null, at);
    }

    /** As {@link #begin(String, String, String, Instant)}, with the scanned label (at most 64 characters) or null. */
    @Override
    public long begin(String lot, String station, String fixture, String scanLabel, Instant at)
            throws ProvisioningException {
        Objects.requireNonNull(station, "station");
        if (scanLabel != null && (scanLabel.isEmpty() || scanLabel.length() > 64)) {
            throw new IllegalArgumentException("a scan label is 1 to 64 characters, not " + scanLabel.length());
        }
        Objects.requireNonNull(at, "at");
        long id = chain.write(station, "start a unit on fixture " + fixture + " in lot " + lot, (c, log) -> {
            long unitId;
            try (PreparedStatement ps = c.prepareStatement("insert into units (lot_id, station, fixture, result,"
                    + " started_at, scan_label, software_version, build_id) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setString(1, lot);
                ps.setString(2, station);
                ps.setString(3, fixture);
                ps.setString(4, UnitResult.IN_PROGRESS.name());
                Sql.setInstant(ps, 5, at);
                ps.setString(6, scanLabel);
                ps.setString(7, software.version());
                ps.setString(8, software.buildId());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new unit", "02000");
                    }
                    unitId = keys.getLong(1);
                }
            }
            String snapshot = profileSnapshotOf(c, lot);
            AuditEvent begun = AuditEvent.unitBegun(station, lot, unitId, at, profileOf(c, lot), fixture);
            String made = SOFTWARE + software.version() + " build " + software.buildId();
            log.append(begun.withDetail(snapshot == null ? made : PROFILE_SNAPSHOT + snapshot + "; " + made));
            return unitId;
        });
        places.remember(id, new UnitPlaces.Place(station, lot));
        return id;
    }

    /** How a UNIT_BEGUN event names the lot's profile snapshot: this, then the snapshot's SHA-256. */
    public static final String PROFILE_SNAPSHOT = "profile sha256 ";
    /**
     * How a UNIT_BEGUN event names the software that made the unit: this, the version, {@code " build "}, the build
     * id; after the profile snapshot, separated by {@code "; "}. Units begun before V15 have none.
     */
    public static final String SOFTWARE = "software ";

    private static String profileSnapshotOf(Connection c, String lot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select profile_sha256 from lots where id = ?")) {
            ps.setString(1, lot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String profileOf(Connection c, String lot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select profile from lots where id = ?")) {
            ps.setString(1, lot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** {@inheritDoc} Claiming again for the same unit and device (a resumed unit) returns the same serial. */
    @Override
    public String claim(long unitId, DeviceUid uid, String chipFamily, String serialPrefix)
            throws ProvisioningException {
        return claims.claim(unitId, Objects.requireNonNull(uid, "uid"), Objects.requireNonNull(chipFamily,
                "chipFamily"), Objects.requireNonNull(serialPrefix, "serialPrefix"));
    }

    /** {@inheritDoc} The entry is chained as a STEP event and mirrored in {@code step_events}. */
    @Override
    public void recordStep(long unitId, StepEvent event) throws ProvisioningException {
        Objects.requireNonNull(event.step(), "event.step");
        Objects.requireNonNull(event.status(), "event.status");
        Objects.requireNonNull(event.at(), "event.at");
        UnitPlaces.Place place = places.of(unitId);
        String detail = Sql.fit(event.detail(), 2000);
        chain.write(place.station(), "record step " + event.step() + " " + event.status() + " of unit #" + unitId,
                (c, log) -> {
                    ChainedEvent chained = log.append(AuditEvent.step(place.station(), place.lot(), unitId,
                            event.at(), event.step().name(), event.status().name(), detail));
                    try (PreparedStatement ps = c.prepareStatement("insert into step_events (unit_id, step, status,"
                            + " at, detail, event_id) values (?, ?, ?, ?, ?, ?)")) {
                        ps.setLong(1, unitId);
                        ps.setString(2, event.step().name());
                        ps.setString(3, event.status().name());
                        Sql.setInstant(ps, 4, event.at());
                        ps.setString(5, detail);
                        ps.setLong(6, chained.id());
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
    @Override
    public Optional<UnitRecord> unitBySerial(String serial) throws ProvisioningException {
        return sql.autoCommit("look up serial " + serial, c -> UnitQueries.unitBySerial(c, serial));
    }

    /** Every attempt on a device, by its UID, in the order they started. */
    @Override
    public List<UnitRecord> unitsByUid(DeviceUid uid) throws ProvisioningException {
        return sql.autoCommit("look up device " + uid.hex(), c -> UnitQueries.unitsByUid(c, uid.hex()));
    }

    /** The label scanned at the bench to start the unit, if a scan started it. */
    public Optional<String> scanLabel(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the scan label of unit #" + unitId, c -> UnitQueries.scanLabel(c, unitId));
    }

    /** The lock evidence recorded for a unit, if any. */
    @Override
    public Optional<LockEvidence> lockEvidence(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the lock evidence of unit #" + unitId, c -> UnitQueries.lockEvidence(c, unitId));
    }

    /**
     * Records that a certificate of the unit (current or superseded) was revoked at the CA. Revoking one already
     * recorded as revoked changes nothing. Not yet on the {@link AuditStore} port.
     */
    @Override
    public void recordRevocation(long unitId, String certSha256, RevocationReason reason, Instant at)
            throws ProvisioningException {
        evidence.recordRevocation(unitId, Objects.requireNonNull(certSha256, "certSha256"),
                Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(at, "at"));
    }

    /** Every certificate recorded for the unit, oldest first; all but the last were superseded. */
    public List<UnitCertificate> certificates(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the certificates of unit #" + unitId, c -> UnitQueries.certificates(c, unitId));
    }

    /**
     * Signs a checkpoint over the station's chain head now (at lot close, or on demand) with the station key of
     * {@link AuditOptions#signer()}; empty when the station has written nothing yet. CONFIG_INVALID without a key.
     */
    public Optional<Checkpoint> checkpoint(String station, CheckpointReason reason) throws ProvisioningException {
        return chain.checkpoint(Objects.requireNonNull(station, "station"), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Records a unit's conformity evidence in {@code unit_controls}, chained as one CONTROLS_RECORDED event per unit
     * that lists the rows' hashes (decision 0014), so the station's signed checkpoints vouch for them.
     */
    public void recordControls(List<ControlEvidence> evidence) throws ProvisioningException {
        controls.record(Objects.requireNonNull(evidence, "evidence"));
    }

    /**
     * Records that the unit's device was wiped for rework (UNIT_REWORKED, with {@code detail}: who, approver, lock
     * state before and after) and releases its UID claim, so the device can be provisioned again as a new unit.
     * REWORK_REFUSED when the unit was reworked already.
     */
    @Override
    public void recordRework(long unitId, String detail) throws ProvisioningException {
        rework.record(unitId, Objects.requireNonNull(detail, "detail"));
    }

    /** Whether the unit's device was wiped for rework. */
    @Override
    public boolean reworked(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the rework of unit #" + unitId, c -> UnitRework.reworked(c, unitId));
    }

    /** The detail chained with the unit's UNIT_REWORKED event (who, approver, port, lock states), if reworked. */
    public Optional<String> reworkNote(long unitId) throws ProvisioningException {
        return sql.autoCommit("read the rework note of unit #" + unitId, c -> UnitQueries.reworkNote(c, unitId));
    }

    /** Signs the closing checkpoints; called by {@link AuditDatabase#close()} before the pool closes. */
    void close() {
        chain.close();
    }
}
