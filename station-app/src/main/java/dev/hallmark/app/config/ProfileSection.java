package dev.hallmark.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hallmark.engine.api.Conformity;
import dev.hallmark.engine.api.ConformityClass;
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
 * @param conformityClass the ISO/IEC 27402 class the product claims: 1, 2 or 3 (default: none claimed); the station
 *                     checks the class's prerequisites before the first unit (docs/conformity.md)
 * @param twoPersonRule whether irreversible and sensitive actions need a second person (default: on for Class 3)
 */
public record ProfileSection(@JsonProperty("chip_family") String chipFamily, String key, String custody, String lock,
                             @JsonProperty("serial_prefix") String serialPrefix, String organization,
                             @JsonProperty("validity_days") Integer validityDays, String subject,
                             @JsonProperty("class") String conformityClass,
                             @JsonProperty("two_person_rule") Boolean twoPersonRule,
                             @JsonProperty("lock_witness") String lockWitness) {

    /** A section without an ISO/IEC 27402 class claim. */
    public ProfileSection(String chipFamily, String key, String custody, String lock, String serialPrefix,
                          String organization, Integer validityDays, String subject) {
        this(chipFamily, key, custody, lock, serialPrefix, organization, validityDays, subject, null, null, null);
    }

    /**
     * Whether a unit of this profile needs the debug probe's witness of its lock ({@code lock_witness: required});
     * {@code optional} or absent: the witness is taken where a fixture has a probe, and not required.
     */
    public boolean witnessRequired(String name) throws ProvisioningException {
        if (lockWitness == null || lockWitness.equalsIgnoreCase("optional")) {
            return false;
        }
        if (lockWitness.equalsIgnoreCase("required")) {
            return true;
        }
        throw invalid(name, "has a lock_witness that is neither required nor optional");
    }

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
        ProductProfile profile = new ProductProfile(name, chipFamily.toUpperCase(Locale.ROOT), spec, where, level,
                serialPrefix == null ? "HM-" : serialPrefix, organization, validity, template);
        if (conformityClass == null) {
            return twoPersonRule == null ? profile
                    : profile.withConformity(new Conformity(ConformityClass.NONE, twoPersonRule));
        }
        ConformityClass claimed;
        try {
            claimed = ConformityClass.parse(conformityClass);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "has a class that is not an ISO/IEC 27402 class; use 1, 2, 3 or none"
                    + " (the value is not shown)");
        }
        return profile.withConformity(new Conformity(claimed,
                twoPersonRule != null ? twoPersonRule : Conformity.of(claimed).twoPersonRule()));
    }

    private static <E extends Enum<E>> E parse(String profile, String field, Class<E> type, String value, E fallback)
            throws ProvisioningException {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid(profile, "has a " + field + " that is not valid (the value is not shown); use one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static ProvisioningException invalid(String profile, String what) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, "profile '" + profile + "' in "
                + StationConfig.FILE + " " + what);
    }
}
