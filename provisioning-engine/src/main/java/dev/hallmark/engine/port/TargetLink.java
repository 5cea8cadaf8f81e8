package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;

/** The station's serial connection to the device on one fixture (a bootloader protocol behind it). */
public interface TargetLink extends AutoCloseable {

    /** Connects to the bootloader and reports chip family, product id, UID and protection state. */
    DeviceInfo identify() throws ProvisioningException;

    /** Reads the device's hardware unique ID. */
    DeviceUid readUniqueId() throws ProvisioningException;

    /** Writes the identity blob into the device's protected key slot (erasing the slot first where needed). */
    void writeIdentity(byte[] blob) throws ProvisioningException;

    /** Reads back {@code length} bytes of the key slot, for comparison with what was written. */
    byte[] readIdentity(int length) throws ProvisioningException;

    /** Closes the debug interfaces to the given level; the device may reset, the link reconnects. */
    void lockDebug(LockLevel level) throws ProvisioningException;

    /**
     * A dry run of {@link #lockDebug}: reads the device's current option bytes or fuses and returns the changes the
     * lock would make, changing nothing. Links that cannot plan say so with {@link ErrorCode#DEVICE_UNSUPPORTED}.
     */
    default LockPlan planLock(LockLevel level) throws ProvisioningException {
        throw new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED,
                "this device link cannot plan a lock (dry run) yet", getClass().getSimpleName(), null);
    }

    /** Observes, from the outside, whether the device is locked to the level; the observation is the evidence. */
    LockEvidence verifyLocked(LockLevel level) throws ProvisioningException;

    @Override
    void close();
}
