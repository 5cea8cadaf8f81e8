package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.List;
import java.util.Optional;

/**
 * Optional capability of an {@link AuditStore}: what a rework reads (the unit by serial or by the UID its device
 * shows, its lock evidence, whether it was reworked) and the UNIT_REWORKED record it writes. A store that keeps no
 * rework records does not implement it, and the engine refuses a rework on it.
 */
public interface ReworkRecords {

    /** The unit with this serial, if one is recorded. */
    Optional<UnitRecord> unitBySerial(String serial) throws ProvisioningException;

    /** Every unit recorded for the device with this UID, oldest first. */
    List<UnitRecord> unitsByUid(DeviceUid uid) throws ProvisioningException;

    /** The lock evidence recorded for the unit, if any. */
    Optional<LockEvidence> lockEvidence(long unitId) throws ProvisioningException;

    /** Whether the unit's device was wiped for rework (a UNIT_REWORKED record exists). */
    boolean reworked(long unitId) throws ProvisioningException;

    /** Records that the unit's device was wiped for rework, with who, the port and the lock state before and after. */
    void recordRework(long unitId, String detail) throws ProvisioningException;
}
