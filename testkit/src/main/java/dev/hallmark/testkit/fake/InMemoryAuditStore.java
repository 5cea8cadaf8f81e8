package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.KeyReference;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LotStore;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.ReworkRecords;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit store in memory (units, lots and rework records), with the same guards as the database: one live claim
 * per UID, unique certificates, no PASS without lock evidence that holds, a lot's plan, quota and close. A failure can
 * be injected on the next write.
 */
public final class InMemoryAuditStore implements AuditStore, LotStore, ReworkRecords {

    private final Map<Long, UnitRecord> units = new HashMap<>();
    private final Map<Long, List<StepEvent>> events = new HashMap<>();
    private final Map<Long, LockEvidence> evidence = new HashMap<>();
    private final Map<String, Long> claims = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<String, RevocationReason> revocations = new HashMap<>();
    private final Map<String, Long> publicKeys = new HashMap<>();
    private final Map<String, String> keyDevices = new HashMap<>();
    private final Map<Long, String> reworks = new HashMap<>();
    private final InMemoryLots lots = new InMemoryLots();
    private long nextId = 1;
    private ErrorCode failNextWrite;

    /** The next write throws this code (disk full, database down). */
    public synchronized void failNextWrite(ErrorCode code) {
        failNextWrite = code;
    }

    @Override
    public synchronized Optional<LockEvidence> lockEvidence(long unitId) {
        return Optional.ofNullable(evidence.get(unitId));
    }

    @Override
    public synchronized void ensureLot(String lot, String profileName, Instant at) throws ProvisioningException {
        write();
        lots.ensure(lot, profileName);
    }

    @Override
    public synchronized void openLot(LotPlan plan, Instant at) throws ProvisioningException {
        write();
        lots.open(plan);
    }

    @Override
    public synchronized void closeLot(String lot, Instant at) throws ProvisioningException {
        write();
        lots.close(lot, at);
    }

    @Override
    public synchronized LotReport lotReport(String lot) {
        return lots.report(lot, units(lot));
    }

    @Override
    public synchronized List<UnitRecord> unfinished(String station, String lot) {
        return units(lot).stream().filter(u -> u.result() == UnitResult.IN_PROGRESS)
                .filter(u -> station.equals(u.station())).toList();
    }

    @Override
    public synchronized Optional<UnitRecord> unitBySerial(String serial) {
        return units.values().stream().filter(u -> serial.equals(u.serial())).findFirst();
    }

    @Override
    public synchronized List<UnitRecord> unitsByUid(DeviceUid uid) {
        return units(null).stream().filter(u -> uid.hex().equalsIgnoreCase(u.uid())).toList();
    }

    @Override
    public synchronized boolean reworked(long unitId) {
        return reworks.containsKey(unitId);
    }

    /**
     * Records the rework and releases the device's claim, as the database does; REWORK_REFUSED when the unit was
     * reworked already.
     */
    @Override
    public synchronized void recordRework(long unitId, String detail) throws ProvisioningException {
        write();
        if (reworks.containsKey(unitId)) {
            throw new ProvisioningException(ErrorCode.REWORK_REFUSED, "unit #" + unitId + " was reworked already");
        }
        reworks.put(unitId, detail);
        UnitRecord u = units.get(unitId);
        claims.remove(u.chipFamily() + "/" + u.uid(), unitId);
    }

    /** The detail recorded with the unit's rework, if it was reworked. */
    public synchronized Optional<String> reworkNote(long unitId) {
        return Optional.ofNullable(reworks.get(unitId));
    }

    @Override
    public synchronized long begin(String lot, String station, String fixture, Instant at) throws ProvisioningException {
        write();
        long id = nextId++;
        units.put(id, new UnitRecord(id, lot, null, null, null, UnitResult.IN_PROGRESS, null, null, null, null, null,
                station, fixture, at, null));
        events.put(id, new ArrayList<>());
        return id;
    }

    @Override
    public synchronized String claim(long unitId, DeviceUid uid, String chipFamily, String serialPrefix)
            throws ProvisioningException {
        write();
        String key = chipFamily + "/" + uid.hex();
        Long holder = claims.get(key);
        if (holder != null && holder == unitId) {
            return units.get(unitId).serial();
        }
        if (holder != null) {
            throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE,
                    "device " + uid.hex() + " is already claimed by unit " + units.get(holder).serial());
        }
        UnitRecord u = units.get(unitId);
        String planned = lots.serial(u.lot(), units(u.lot()).stream().filter(o -> o.id() != unitId).toList());
        claims.put(key, unitId);
        String serial = planned != null ? planned
                : serialPrefix + String.format("%06d", counters.merge(serialPrefix, 1, Integer::sum));
        units.put(unitId, new UnitRecord(u.id(), u.lot(), serial, uid.hex(), chipFamily, u.result(), null, null, null,
                null, null, u.station(), u.fixture(), u.started(), null));
        return serial;
    }

    /**
     * Gives each public key to one device, as the database does: the unit's own key again, or a key an earlier
     * attempt on the same device left in it, is accepted; a key of another device is AUDIT_DUPLICATE.
     */
    @Override
    public synchronized void recordKey(long unitId, KeyReference key) throws ProvisioningException {
        write();
        UnitRecord unit = units.get(unitId);
        String device = unit.chipFamily() + "/" + unit.uid();
        String owner = keyDevices.get(key.publicKeySha256());
        if (owner != null && !owner.equals(device)) {
            Long holder = publicKeys.get(key.publicKeySha256());
            throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, "public key " + key.publicKeySha256()
                    + " is already recorded for unit " + units.get(holder).serial() + " of another device");
        }
        keyDevices.put(key.publicKeySha256(), device);
        publicKeys.putIfAbsent(key.publicKeySha256(), unitId);
    }

    /** The first unit a public key (SHA-256 of its SubjectPublicKeyInfo) was recorded for, if any. */
    public synchronized Long keyHolder(String publicKeySha256) {
        return publicKeys.get(publicKeySha256);
    }

    @Override
    public synchronized void recordStep(long unitId, StepEvent event) throws ProvisioningException {
        write();
        events.get(unitId).add(event);
    }

    @Override
    public synchronized void recordCertificate(long unitId, X509Certificate certificate) throws ProvisioningException {
        write();
        String sha = Pem.sha256(certificate);
        if (units.values().stream().anyMatch(u -> sha.equals(u.certificateSha256()))) {
            throw new ProvisioningException(ErrorCode.AUDIT_DUPLICATE, "certificate " + sha + " is already recorded");
        }
        UnitRecord u = units.get(unitId);
        units.put(unitId, new UnitRecord(u.id(), u.lot(), u.serial(), u.uid(), u.chipFamily(), u.result(), null, null,
                null, Pem.certificate(certificate), sha, u.station(), u.fixture(), u.started(), null));
    }

    @Override
    public synchronized void recordRevocation(long unitId, String certificateSha256, RevocationReason reason,
                                              Instant at) throws ProvisioningException {
        write();
        if (!certificateSha256.equals(units.get(unitId).certificateSha256())) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "certificate " + certificateSha256
                    + " is not recorded for unit #" + unitId);
        }
        revocations.put(certificateSha256, reason);
    }

    /** The revocations recorded, by certificate SHA-256. */
    public synchronized Map<String, RevocationReason> revocations() {
        return Map.copyOf(revocations);
    }

    @Override
    public synchronized void recordLockEvidence(long unitId, LockEvidence lockEvidence) throws ProvisioningException {
        write();
        evidence.put(unitId, lockEvidence);
    }

    @Override
    public synchronized void finish(long unitId, UnitOutcome outcome, Instant at) throws ProvisioningException {
        write();
        LockEvidence held = evidence.get(unitId);
        if (outcome.passed() && (held == null || !held.locked())) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED,
                    "a unit cannot be sealed PASS without lock evidence that holds");
        }
        UnitRecord u = units.get(unitId);
        if (!outcome.passed() && u.uid() != null && !lockStarted(unitId)) {
            claims.remove(u.chipFamily() + "/" + u.uid());
        }
        units.put(unitId, new UnitRecord(u.id(), u.lot(), u.serial(), u.uid(), u.chipFamily(), outcome.result(),
                outcome.failedStep() == null ? null : outcome.failedStep().name(),
                outcome.error() == null ? null : outcome.error().id(), outcome.cause(), u.certificatePem(),
                u.certificateSha256(), u.station(), u.fixture(), u.started(), at));
    }

    @Override
    public synchronized List<UnitRecord> units(String lot) {
        return units.values().stream().filter(u -> lot == null || lot.equals(u.lot()))
                .sorted(java.util.Comparator.comparingLong(UnitRecord::id)).toList();
    }

    @Override
    public synchronized List<StepEvent> events(long unitId) {
        return List.copyOf(events.getOrDefault(unitId, List.of()));
    }

    private boolean lockStarted(long unitId) {
        return events.get(unitId).stream().anyMatch(e -> e.step() == Step.LOCK && e.status() == StepStatus.STARTED);
    }

    private void write() throws ProvisioningException {
        ErrorCode code = failNextWrite;
        if (code != null) {
            failNextWrite = null;
            throw new ProvisioningException(code, "injected audit store failure");
        }
    }
}
