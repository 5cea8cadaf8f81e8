package dev.hallmark.engine.conformity;

import dev.hallmark.engine.api.ProductKeys;
import dev.hallmark.engine.conformity.StationCapabilities.SecureBootSupport;
import java.util.Locale;

/**
 * What the station's device links can confirm about secure boot, per chip family. The ESP32-C3 link burns the
 * profile's firmware signing key digest and SECURE_BOOT_EN and confirms both from outside at VERIFY (docs/esp32.md),
 * so that family can meet the class when the profile names a signing key; STM32 parts have no secure-boot fuse.
 */
public final class SecureBootFacts {

    private SecureBootFacts() {
    }

    /** A family's secure boot as far as the profile's keys let the link confirm it. */
    public static SecureBootSupport forChip(String chipFamily, ProductKeys keys) {
        String family = chipFamily.toUpperCase(Locale.ROOT);
        if (family.equals("ESP32C3")) {
            if (!keys.signsFirmware()) {
                return SecureBootSupport.absent("the profile names no firmware signing key (secure_boot_key in "
                        + "conformity.yaml), so the ESP32-C3 link cannot burn and confirm its digest");
            }
            return new SecureBootSupport(true, true, "the ESP32-C3 link burns the signing key digest "
                    + keys.digestHex() + " (SECURE_BOOT_DIGEST0) and SECURE_BOOT_EN, and confirms both from outside"
                    + " at VERIFY");
        }
        if (family.startsWith("STM32")) {
            return SecureBootSupport.absent(chipFamily + " has no secure-boot fuse and no signed-firmware enforcement"
                    + " (only readout protection); a Class 2 product needs a part with a hardware root of trust");
        }
        return SecureBootSupport.absent("the " + chipFamily + " link does not read the secure-boot fuse and the"
                + " signed-firmware enforcement back, so neither can be confirmed");
    }

    /** A family's secure boot when the profile names no signing key. */
    public static SecureBootSupport forChip(String chipFamily) {
        return forChip(chipFamily, ProductKeys.NONE);
    }
}
