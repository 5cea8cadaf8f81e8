package dev.hallmark.app.rework;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.fuse.stm32.Stm32BootloaderLink;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import java.time.Clock;

/**
 * The device side of a rework over ST AN3155: the readout lock read before, READOUT_UNPROTECT (0x92, which
 * mass-erases the flash and resets the device), and the state read back after: the UID it now shows and the key slot
 * read as erased. A device that was recorded locked, shows the unit's UID and is already unprotected was wiped by an
 * earlier rework whose record was not written (the only way from RDP level 1 to 0 is the mass erase): it is finished.
 */
final class DeviceRework {

    /** The first bytes of the key slot that must read erased after the wipe. */
    private static final int SLOT_CHECK = 64;

    /** What was read back: the lock state before and after, and the UID the unlocked device shows. */
    record Result(String before, String after, String uid) {
    }

    private DeviceRework() {
    }

    /**
     * Wipes the device on {@code port}. {@code recordedUid} and {@code recordedLocked} are the unit's record, used
     * only to recognise a device an interrupted rework already wiped.
     */
    static Result unprotect(String port, Clock clock, String recordedUid, boolean recordedLocked)
            throws ProvisioningException {
        try (Stm32BootloaderLink link = Stm32BootloaderLink.open(port, Stm32LinkOptions.defaults(), clock)) {
            DeviceInfo before = link.identify();
            String was;
            if (before.readoutProtected()) {
                was = "READOUT_PROTECTED (" + before.chipFamily() + ", UID and memory reads refused)";
                link.readoutUnprotect();
            } else if (recordedLocked && before.uid() != null && before.uid().hex().equalsIgnoreCase(recordedUid)) {
                was = "unprotected already (recorded locked: an earlier READOUT_UNPROTECT wiped it)";
            } else {
                throw new ProvisioningException(ErrorCode.REWORK_NOT_LOCKED, "the " + before.chipFamily() + " on "
                        + port + " (UID " + before.uid().hex() + ") is not readout-protected: nothing to unprotect;"
                        + " nothing was done");
            }
            DeviceInfo after = link.identify();
            if (after.readoutProtected() || after.uid() == null) {
                throw new ProvisioningException(ErrorCode.REWORK_STILL_PROTECTED, "the " + after.chipFamily() + " on "
                        + port + " still refuses reads after READOUT_UNPROTECT", "READ_MEMORY UID -> NACK", null);
            }
            byte[] slot = link.readIdentity(SLOT_CHECK);
            for (byte b : slot) {
                if (b != (byte) 0xFF) {
                    throw new ProvisioningException(ErrorCode.REWORK_STILL_PROTECTED, "the key slot of the "
                            + after.chipFamily() + " on " + port + " does not read erased after READOUT_UNPROTECT",
                            "key slot byte 0x" + Integer.toHexString(b & 0xFF), null);
                }
            }
            return new Result(was, "unprotected (flash mass-erased: key slot reads 0xFF, UID " + after.uid().hex()
                    + " readable)", after.uid().hex());
        }
    }
}
