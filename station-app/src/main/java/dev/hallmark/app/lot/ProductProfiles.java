package dev.hallmark.app.lot;

import dev.hallmark.app.config.ProfileSection;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Map;
import java.util.TreeSet;

/** The product profiles a station knows: the built-in demo profile and those of station.yaml. */
public final class ProductProfiles {

    private ProductProfiles() {
    }

    /** The profile named {@code name}; CONFIG_INVALID lists the known names when there is none. */
    public static ProductProfile byName(StationConfig config, String name) throws ProvisioningException {
        Map<String, ProfileSection> configured = config.profiles();
        ProfileSection section = configured.get(name);
        if (section != null) {
            return section.toProfile(name);
        }
        if (DemoProfile.STM32F4.name().equals(name)) {
            return DemoProfile.STM32F4;
        }
        TreeSet<String> known = new TreeSet<>(configured.keySet());
        known.add(DemoProfile.STM32F4.name());
        throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "no product profile '" + name + "'; known: "
                + String.join(", ", known) + " (profiles are defined in " + StationConfig.FILE + ")");
    }
}
