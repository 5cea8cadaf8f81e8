package dev.hallmark.app.station;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.app.config.ProbeSection;
import dev.hallmark.app.config.ProfileSection;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.engine.api.ProductKeys;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.fuse.esp32.EspLinkFactory;
import dev.hallmark.fuse.esp32.EspLinkOptions;
import dev.hallmark.fuse.serial.ResetSequence;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import dev.hallmark.fuse.swd.ProbeSettings;
import dev.hallmark.fuse.swd.WitnessedLinks;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * The debug probes' witness of the lock as station.yaml configures it ({@code debug_probes:} per fixture,
     * {@code lock_witness: required} per profile); its settings are checked here, before any lot starts.
     */
    public static Witness witness(StationConfig config) throws ProvisioningException {
        Map<String, ProbeSettings> probes = new HashMap<>();
        for (Map.Entry<String, ProbeSection> probe : config.debugProbes().entrySet()) {
            probes.put(probe.getKey(), probe.getValue().settings(probe.getKey()));
        }
        Set<String> required = new HashSet<>();
        for (Map.Entry<String, ProfileSection> profile : config.profiles().entrySet()) {
            if (profile.getValue().witnessRequired(profile.getKey())) {
                required.add(profile.getKey());
            }
        }
        return new Witness(Map.copyOf(probes), Set.copyOf(required));
    }

    /** The fixtures' probes and the profiles that require their witness. */
    public record Witness(Map<String, ProbeSettings> probes, Set<String> requiredBy) {

        /** The links with the witness where a fixture has a probe or the profile requires it; else unchanged. */
        public TargetLinkFactory wrap(TargetLinkFactory links, String profile) {
            boolean required = requiredBy.contains(profile);
            return probes.isEmpty() && !required ? links : new WitnessedLinks(links, probes, required);
        }
    }

    private static TargetLinkFactory forProfile(String chipFamily, ProductKeys keys, Clock clock) {
        if (chipFamily.toUpperCase(Locale.ROOT).startsWith("ESP32")) {
            return new EspLinkFactory(EspLinkOptions.defaults().withSecureBootDigest(keys.secureBootDigest()), clock);
        }
        return new Stm32LinkFactory(Stm32LinkOptions.defaults(), clock);
    }
}
