package dev.hallmark.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SubjectTemplate;
import java.time.Duration;
import java.util.Locale;

/**
 * A product profile as station.yaml writes it under {@code profiles:} (docs/lots.md). Every field but
 * {@code chip_family} and {@code organization} has a default.
 *
 * @param chipFamily   e.g. STM32F4
 * @param key          ec_p256 (default), ec_p384, ed25519, rsa_2048, rsa_3072
 * @param custody      injected (default) or on_device
 * @param lock         readout_protected (default) or permanent
 * @param serialPrefix prefix of serials when a lot names no pattern (default HM-)
 * @param organization O= of the device certificates
 * @param validityDays days the device certificate is valid, 0 for no well-defined expiry (default 3650)
 * @param subject      the subject template (default CN={serial}, serialNumber={serial}, O={organization})
 */
public record ProfileSection(@JsonProperty("chip_family") String chipFamily, String key, String custody, String lock,
                             @JsonProperty("serial_prefix") String serialPrefix, String organization,
                             @JsonProperty("validity_days") Integer validityDays, String subject) {

    /** The engine's profile of this section, named {@code name}; CONFIG_INVALID names the wrong field. */
    public ProductProfile toProfile(String name) throws ProvisioningException {
        if (chipFamily == null || organization == null) {
            throw invalid(name, "needs chip_family and organization");
        }
        KeySpec spec = parse(name, "key", KeySpec.class, key, KeySpec.EC_P256);
        KeyCustody where = parse(name, "custody", KeyCustody.class, custody, KeyCustody.INJECTED);
        LockLevel level = parse(name, "lock", LockLevel.class, lock, LockLevel.READOUT_PROTECTED);
        int days = validityDays == null ? 3650 : validityDays;
        if (days < 0) {
            throw invalid(name, "has a negative validity_days");
        }
        Duration validity = days == 0 ? ProductProfile.NO_WELL_DEFINED_EXPIRY : Duration.ofDays(days);
        SubjectTemplate template = subject == null ? SubjectTemplate.DEFAULT : new SubjectTemplate(subject);
        return new ProductProfile(name, chipFamily.toUpperCase(Locale.ROOT), spec, where, level,
                serialPrefix == null ? "HM-" : serialPrefix, organization, validity, template);
    }

    private static <E extends Enum<E>> E parse(String profile, String field, Class<E> type, String value, E fallback)
            throws ProvisioningException {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid(profile, "has " + field + " '" + value + "'; use one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static ProvisioningException invalid(String profile, String what) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, "profile '" + profile + "' in "
                + StationConfig.FILE + " " + what);
    }
}
