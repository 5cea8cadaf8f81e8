package dev.hallmark.app.station;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductKeys;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.fuse.esp32.EspLinkFactory;
import dev.hallmark.fuse.esp32.EspLinkOptions;
import dev.hallmark.fuse.serial.ResetSequence;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The bootloader protocol a product profile's chip family speaks: the ESP32-C3 ROM loader, or STM32 AN3155. */
public final class TargetLinks {

    private TargetLinks() {
    }

    /** The link factory for {@code chipFamily} as profiles name it ({@code ESP32C3}, {@code STM32F4}, ...). */
    public static TargetLinkFactory forChipFamily(String chipFamily, Clock clock) {
        return forProfile(chipFamily, ProductKeys.NONE, clock);
    }

    /**
     * The link factory for a profile: on the ESP32-C3 with the profile's firmware signing key digest, which the lock
     * burns and VERIFY confirms (docs/esp32.md).
     */
    public static TargetLinkFactory forProfile(ProductProfile profile, Clock clock) {
        return forProfile(profile.chipFamily(), profile.keys(), clock);
    }

    /**
     * As {@link #forProfile(ProductProfile, Clock)}, with the fixtures' bootloader entry sequences on DTR/RTS from
     * station.yaml's {@code fixture_resets} (STM32 families; the ESP32 ROM loader is entered by its own reset).
     */
    public static TargetLinkFactory forProfile(ProductProfile profile, Clock clock, Map<String, ResetSequence> resets) {
        TargetLinkFactory base = forProfile(profile, clock);
        if (resets.isEmpty() || profile.chipFamily().toUpperCase(Locale.ROOT).startsWith("ESP32")) {
            return base;
        }
        return new Stm32LinkFactory(Stm32LinkOptions.defaults(), clock).withResetSequences(resets);
    }

    /** station.yaml's {@code fixture_resets}, parsed; CONFIG_INVALID naming the fixture whose sequence is wrong. */
    public static Map<String, ResetSequence> resetSequences(Map<String, String> resets) throws ProvisioningException {
        Map<String, ResetSequence> parsed = new HashMap<>();
        for (Map.Entry<String, String> e : resets.entrySet()) {
            try {
                parsed.put(e.getKey(), ResetSequence.parse(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "fixture_resets." + e.getKey() + " in "
                        + "station.yaml: " + bad.getMessage());
            }
        }
        return parsed;
    }

    private static TargetLinkFactory forProfile(String chipFamily, ProductKeys keys, Clock clock) {
        if (chipFamily.toUpperCase(Locale.ROOT).startsWith("ESP32")) {
            return new EspLinkFactory(EspLinkOptions.defaults().withSecureBootDigest(keys.secureBootDigest()), clock);
        }
        return new Stm32LinkFactory(Stm32LinkOptions.defaults(), clock);
    }
}
