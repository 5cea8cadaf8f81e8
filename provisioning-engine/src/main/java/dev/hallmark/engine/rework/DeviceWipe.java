package dev.hallmark.engine.rework;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.ReadoutUnprotect;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.engine.port.TargetLinkFactory;

/**
 * The device side of a rework: the lock state read before, readout unprotect where the device is protected, and the
 * wiped device read back. A device that was recorded locked, shows the unit's UID and is already unprotected was
 * wiped by an earlier rework whose record was not written (unprotecting wipes it): it is finished, not refused.
 */
final class DeviceWipe {

    /** What was read: the lock state before and after, and the UID the unlocked device shows (hex). */
    record Result(String before, String after, String uid) {
    }

    private DeviceWipe() {
    }

    /**
     * Wipes the device on {@code port}. {@code recordedUid} and {@code recordedLocked} are the unit's record, used
     * only to recognise a device an interrupted rework already wiped.
     */
    static Result run(TargetLinkFactory links, String port, String recordedUid, boolean recordedLocked)
            throws ProvisioningException {
        try (TargetLink link = links.open(new Fixture("rework", port))) {
            if (!(link instanceof ReadoutUnprotect unprotect)) {
                throw new ProvisioningException(ErrorCode.REWORK_UNSUPPORTED, "the device link on " + port
                        + " cannot remove readout protection; nothing was done");
            }
            DeviceInfo before = link.identify();
            String was;
            if (before.readoutProtected()) {
                was = "READOUT_PROTECTED (" + before.chipFamily() + ", UID and memory reads refused)";
                unprotect.readoutUnprotect();
            } else if (recordedLocked && before.uid() != null && before.uid().hex().equalsIgnoreCase(recordedUid)) {
                was = "unprotected already (recorded locked: an earlier READOUT_UNPROTECT wiped it)";
            } else {
                throw new ProvisioningException(ErrorCode.REWORK_NOT_LOCKED, "the " + before.chipFamily() + " on "
                        + port + " (UID " + (before.uid() == null ? "unreadable" : before.uid().hex())
                        + ") is not readout-protected: nothing to unprotect; nothing was done");
            }
            ReadoutUnprotect.Wiped wiped = unprotect.wipedReadBack();
            return new Result(was, "unprotected (" + wiped.evidence() + ")", wiped.uid().hex());
        }
    }
}
