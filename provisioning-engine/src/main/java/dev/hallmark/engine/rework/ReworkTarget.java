package dev.hallmark.engine.rework;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.ReworkRecords;
import dev.hallmark.engine.port.UnitRecord;
import java.util.Locale;
import java.util.Optional;

/**
 * The unit a rework names, checked before the device is touched: recorded, sealed, not reworked before, of a chip
 * family whose readout protection can be removed over its boot loader (STM32, AN3155), and not permanently locked —
 * by its profile or by its recorded lock evidence.
 */
public final class ReworkTarget {

    private ReworkTarget() {
    }

    /** The unit with {@code serial}, or the one-line refusal that says why it cannot be reworked. */
    public static UnitRecord check(ReworkRecords store, String serial, Optional<ProductProfile> profile)
            throws ProvisioningException {
        UnitRecord unit = store.unitBySerial(serial).orElseThrow(() -> new ProvisioningException(
                ErrorCode.REWORK_REFUSED, "no unit with serial " + serial + " is recorded; nothing was done"));
        if (store.reworked(unit.id())) {
            throw new ProvisioningException(ErrorCode.REWORK_REFUSED, "unit " + serial + " was already reworked;"
                    + " provision its device again as a new unit; nothing was done");
        }
        if (unit.result() == UnitResult.IN_PROGRESS) {
            throw new ProvisioningException(ErrorCode.REWORK_REFUSED, "unit " + serial + " is still in progress;"
                    + " resume its lot first, then rework it; nothing was done");
        }
        String family = unit.chipFamily() == null ? "" : unit.chipFamily().toUpperCase(Locale.ROOT);
        if (!family.startsWith("STM32")) {
            throw new ProvisioningException(ErrorCode.REWORK_UNSUPPORTED, "unit " + serial + " is a "
                    + (family.isEmpty() ? "device of unknown family" : family) + "; only STM32 readout protection can"
                    + " be removed over the boot loader; nothing was done");
        }
        LockEvidence lock = store.lockEvidence(unit.id()).orElse(null);
        boolean permanentProfile = profile.map(ProductProfile::lockLevel).orElse(null) == LockLevel.PERMANENT;
        if (permanentProfile || lock != null && lock.level() == LockLevel.PERMANENT) {
            throw new ProvisioningException(ErrorCode.REWORK_PERMANENT_LOCK, "unit " + serial + " is locked"
                    + " permanently (RDP level 2); that cannot be undone, so it cannot be reworked; scrap it");
        }
        return unit;
    }
}
