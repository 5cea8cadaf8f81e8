package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProductProfile;
import java.util.List;
import java.util.Objects;

/**
 * The station's configuration as the admin screen shows it: product profiles and the settings of each part,
 * each part with a check that exercises it. Values never include secrets (PINs, passwords, HMAC keys).
 *
 * @param profiles the product profiles this station provisions
 * @param parts    HSM, CA and fixtures, in display order
 */
public record StationSettings(List<ProductProfile> profiles, List<Part> parts) {

    public StationSettings {
        profiles = List.copyOf(profiles);
        parts = List.copyOf(parts);
    }

    /**
     * One part's settings.
     *
     * @param name     e.g. {@code HSM}, {@code CA}, {@code Fixture F1}
     * @param settings name/value pairs, in display order
     * @param check    the part's connection test
     */
    public record Part(String name, List<Setting> settings, PartCheck check) {
        public Part {
            Objects.requireNonNull(name, "name");
            settings = List.copyOf(settings);
            Objects.requireNonNull(check, "check");
        }
    }

    /** One setting, as shown. */
    public record Setting(String name, String value) {
    }
}
