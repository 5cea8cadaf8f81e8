package dev.hallmark.engine.conformity;

import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks, before the first unit, that the configured parts can meet the class the product profile claims, and
 * refuses with every unmet prerequisite named (docs/conformity.md lists them).
 */
public final class ClassPrerequisites {

    private ClassPrerequisites() {
    }

    /** Every prerequisite of the profile's class, met or not. */
    public static List<Prerequisite> evaluate(ProductProfile profile, StationCapabilities parts) {
        ConformityClass claimed = profile.conformity().conformityClass();
        List<Prerequisite> all = new ArrayList<>();
        if (claimed.includes(ConformityClass.CLASS_1)) {
            all.add(new Prerequisite(Control.UNIQUE_IDENTITY, parts.uniqueDeviceUid(), parts.uniqueDeviceUid()
                    ? "each device reports a factory-unique UID, bound into its certificate and claimed once"
                    : "the device link cannot read a unique device ID"));
            all.add(new Prerequisite(Control.KEY_GENERATED_IN_TOKEN, parts.keyTokenIsPkcs11(), parts.keyTokenIsPkcs11()
                    ? "device keys are generated inside " + parts.keyToken()
                    : "device keys would be generated in software (" + parts.keyToken() + "), not in a token"));
            all.add(new Prerequisite(Control.DEBUG_LOCKED, parts.lockVerifiable(), parts.lockVerifiable()
                    ? "the lock " + profile.lockLevel() + " is set and verified from outside"
                    : "the device link cannot verify the debug lock"));
            all.add(new Prerequisite(Control.NO_DEFAULT_PASSWORD, true,
                    "a per-unit secret is generated at the bench and recorded only as a hash"));
        }
        if (claimed.includes(ConformityClass.CLASS_2)) {
            boolean hardware = parts.keyTokenIsPkcs11() && parts.keyTokenHardware();
            all.add(new Prerequisite(Control.KEY_IN_HARDWARE, hardware, hardware
                    ? "the key token is a hardware token: " + parts.keyToken()
                    : "the key token " + parts.keyToken() + " is a software token (no CKF_HW_SLOT); Class 2 needs "
                            + "a TPM 2.0 or secure element" + (profile.custody() == KeyCustody.INJECTED
                            ? " (on-device custody)" : "")));
            boolean secureBoot = parts.secureBoot().fuseSet() && parts.secureBoot().signedFirmwareEnforced();
            all.add(new Prerequisite(Control.SECURE_BOOT, secureBoot, secureBoot
                    ? "secure boot: " + parts.secureBoot().evidence()
                    : "secure boot cannot be confirmed: " + parts.secureBoot().evidence()));
        }
        if (claimed.includes(ConformityClass.CLASS_3)) {
            boolean certified = parts.certifiedModule() != null && !parts.certifiedModule().isBlank();
            all.add(new Prerequisite(Control.CERTIFIED_MODULE, certified, certified
                    ? "the token is declared a certified module: " + parts.certifiedModule()
                    : "no certified cryptographic module is declared for the key token in configuration"));
            boolean permanent = profile.lockLevel() == LockLevel.PERMANENT;
            all.add(new Prerequisite(Control.PERMANENT_LOCK, permanent, permanent
                    ? "the profile locks permanently"
                    : "the profile's lock level is " + profile.lockLevel() + "; Class 3 needs PERMANENT"));
            boolean twoPersons = profile.conformity().twoPersonRule();
            all.add(new Prerequisite(Control.TWO_PERSON_RULE, twoPersons, twoPersons
                    ? "the two-person rule is on"
                    : "the two-person rule is off in the profile; Class 3 needs it on"));
        }
        return List.copyOf(all);
    }

    /** Refuses with CONFORMITY_PREREQUISITE_UNMET, naming every unmet prerequisite; returns them all otherwise. */
    public static List<Prerequisite> check(ProductProfile profile, StationCapabilities parts)
            throws ProvisioningException {
        List<Prerequisite> all = evaluate(profile, parts);
        List<Prerequisite> unmet = all.stream().filter(p -> !p.met()).toList();
        if (!unmet.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CONFORMITY_PREREQUISITE_UNMET, "profile '" + profile.name()
                    + "' claims ISO/IEC 27402 " + profile.conformity().conformityClass().label()
                    + ", which these parts cannot meet: "
                    + unmet.stream().map(Prerequisite::reason).collect(Collectors.joining("; ")));
        }
        return all;
    }
}
