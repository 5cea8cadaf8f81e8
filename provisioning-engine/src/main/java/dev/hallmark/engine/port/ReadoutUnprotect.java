package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * Optional capability of a {@link TargetLink}: removing readout protection, which wipes the device (on an STM32,
 * AN3155 READOUT_UNPROTECT mass-erases the flash and resets), and reading back that it was wiped. A link whose chip
 * cannot be unlocked this way does not implement it, and the engine refuses a rework on it.
 */
public interface ReadoutUnprotect {

    /** Removes readout protection; the device erases itself and resets, the link reconnects. */
    void readoutUnprotect() throws ProvisioningException;

    /**
     * Reads the wiped device back: it answers reads again and its key slot reads erased. Returns the UID it shows
     * and what was read; fails with REWORK_STILL_PROTECTED (naming what was read) when it is not wiped.
     */
    Wiped wipedReadBack() throws ProvisioningException;

    /**
     * A device read back after the wipe.
     *
     * @param uid      the UID the unprotected device shows
     * @param evidence what was read, in an auditor's words (e.g. {@code flash mass-erased: key slot reads 0xFF})
     */
    record Wiped(DeviceUid uid, String evidence) {
    }
}
