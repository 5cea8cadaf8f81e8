package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.ReadoutUnprotect.Wiped;
import dev.hallmark.engine.port.TargetLink;

/**
 * The read-back after READOUT_UNPROTECT (ST AN3155): the only way from RDP level 1 to 0 is a mass erase, so a wiped
 * STM32 answers READ_MEMORY again (its UID reads) and its key slot reads as erased flash (0xFF).
 */
final class Stm32WipeCheck {

    /** The first bytes of the key slot that must read erased after the wipe. */
    static final int SLOT_CHECK = 64;

    private Stm32WipeCheck() {
    }

    /** Reads the device on {@code link} (port {@code port}) back; REWORK_STILL_PROTECTED when it is not wiped. */
    static Wiped readBack(TargetLink link, String port) throws ProvisioningException {
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
        return new Wiped(after.uid(), "flash mass-erased: key slot reads 0xFF, UID " + after.uid().hex()
                + " readable");
    }
}
