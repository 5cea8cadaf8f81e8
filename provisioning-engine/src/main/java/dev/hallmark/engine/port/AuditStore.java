package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitOutcome;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The audit database as the unit workflow writes it: units, their append-only step events and evidence. The lots
 * they belong to are a {@link LotStore}; rework records are the optional {@link ReworkRecords}.
 */
public interface AuditStore {

    /** Records that a unit started on a fixture; returns its id. Every attempt is a row. */
    long begin(String lot, String station, String fixture, Instant at) throws ProvisioningException;

    /**
     * Records that a unit started on a fixture by a scanned label (null: no scan); returns its id. The default
     * records no label, for stores that keep none.
     */
    default long begin(String lot, String station, String fixture, String scanLabel, Instant at)
            throws ProvisioningException {
        return begin(lot, station, fixture, at);
    }

    /**
     * Claims the device for the unit and allocates its serial ({@code serialPrefix} + counter).
     * Fails with AUDIT_DUPLICATE if the UID is held by a unit that passed or is under way.
     */
    String claim(long unitId, DeviceUid uid, String chipFamily, String serialPrefix) throws ProvisioningException;

    /**
     * Records the unit's key pair after KEYGEN, before any certificate is requested for it. Fails with
     * AUDIT_DUPLICATE if the public key is already recorded for another unit; recording the unit's own key again
     * (a resumed unit) changes nothing. The default records nothing, for stores that keep no key references.
     */
    default void recordKey(long unitId, KeyReference key) throws ProvisioningException {
    }

    /** Appends a step event to the unit's journal. */
    void recordStep(long unitId, StepEvent event) throws ProvisioningException;

    /** Records the certificate issued for the unit; fails with AUDIT_DUPLICATE if it was already recorded. */
    void recordCertificate(long unitId, X509Certificate certificate) throws ProvisioningException;

    /** Records that the unit's recorded certificate was revoked at the CA, and why. */
    void recordRevocation(long unitId, String certificateSha256, RevocationReason reason, Instant at)
            throws ProvisioningException;

    /** Records the lock evidence VERIFY observed. */
    void recordLockEvidence(long unitId, LockEvidence evidence) throws ProvisioningException;

    /** Seals the unit with its final result; a PASS requires lock evidence that holds. */
    void finish(long unitId, UnitOutcome outcome, Instant at) throws ProvisioningException;

    /** Units in the order they started, optionally of one lot (null for all). */
    List<UnitRecord> units(String lot) throws ProvisioningException;

    /** A unit's journal, oldest first. */
    List<StepEvent> events(long unitId) throws ProvisioningException;

    /** The last step a unit finished, for resume; null if none. */
    default Step lastDoneStep(long unitId) throws ProvisioningException {
        Step last = null;
        for (StepEvent e : events(unitId)) {
            if (e.status() == StepStatus.DONE) {
                last = e.step();
            }
        }
        return last;
    }
}
