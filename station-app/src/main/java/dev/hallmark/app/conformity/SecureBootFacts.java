package dev.hallmark.app.conformity;

import dev.hallmark.engine.conformity.StationCapabilities.SecureBootSupport;
import java.util.Locale;

/**
 * What the station's device links can confirm about secure boot, per chip family. None of today's links reads a
 * secure-boot state back, so every family is refused for Class 2 with the reason; a link that can (ESP32 eFuse
 * SECURE_BOOT_EN with a verified digest) is where this grows.
 */
public final class SecureBootFacts {

    private SecureBootFacts() {
    }

    public static SecureBootSupport forChip(String chipFamily) {
        String family = chipFamily.toUpperCase(Locale.ROOT);
        if (family.startsWith("STM32F4") || family.startsWith("STM32F1") || family.startsWith("STM32F0")) {
            return SecureBootSupport.absent(chipFamily + " has no secure-boot fuse and no signed-firmware enforcement"
                    + " (only readout protection); a Class 2 product needs a part with a hardware root of trust");
        }
        return SecureBootSupport.absent("the " + chipFamily + " link does not read the secure-boot fuse and the"
                + " signed-firmware enforcement back, so neither can be confirmed");
    }
}
