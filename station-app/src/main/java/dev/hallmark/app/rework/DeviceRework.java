package dev.hallmark.app.rework;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.fuse.stm32.Stm32BootloaderLink;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import java.time.Clock;

/**
 * The device side of a rework over ST AN3155: the readout lock read before, READOUT_UNPROTECT (0x92, which
 * mass-erases the flash and resets the device), and the state read back after, with the UID it now shows.
 */
final class DeviceRework {

    /** What was read back: the lock state before and after, and the UID the unlocked device shows. */
    record Result(String before, String after, String uid) {
    }

    private DeviceRework() {
    }

    static Result unprotect(String port, Clock clock) throws ProvisioningException {
        try (Stm32BootloaderLink link = Stm32BootloaderLink.open(port, Stm32LinkOptions.defaults(), clock)) {
            DeviceInfo before = link.identify();
            if (!before.readoutProtected()) {
                throw new ProvisioningException(ErrorCode.REWORK_NOT_LOCKED, "the " + before.chipFamily() + " on "
                        + port + " (UID " + before.uid().hex() + ") is not readout-protected: nothing to unprotect;"
                        + " nothing was done");
            }
            link.readoutUnprotect();
            DeviceInfo after = link.identify();
            if (after.readoutProtected() || after.uid() == null) {
                throw new ProvisioningException(ErrorCode.REWORK_STILL_PROTECTED, "the " + after.chipFamily() + " on "
                        + port + " still refuses reads after READOUT_UNPROTECT", "READ_MEMORY UID -> NACK", null);
            }
            return new Result("READOUT_PROTECTED (" + before.chipFamily() + ", UID and memory reads refused)",
                    "unprotected (flash mass-erased, UID " + after.uid().hex() + " readable)", after.uid().hex());
        }
    }
}
