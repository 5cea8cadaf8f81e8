package dev.hallmark.app.conformity;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.conformity.ClassPrerequisites;
import dev.hallmark.engine.conformity.Prerequisite;
import dev.hallmark.engine.conformity.StationCapabilities;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.hsm.device.Pkcs11DeviceTokens;
import dev.hallmark.hsm.info.TokenInfo;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.util.ArrayList;
import java.util.List;

/**
 * The class check of an embedded station before the first unit: the token the device keys are born in as it
 * describes itself (the station token for injected custody; each fixture's device token for on-device custody),
 * the chip family's secure boot with the profile's signing key, plus declarations.
 */
public final class ClassCheck {

    private ClassCheck() {
    }

    /** What the embedded station's parts can do with injected custody: the station token and the device link. */
    public static StationCapabilities capabilities(Pkcs11Station hsm, ProductProfile profile,
                                                   ConformityDeclarations declared) throws ProvisioningException {
        return capabilities(hsm, profile, declared, null, List.of());
    }

    /**
     * What the parts can do; with on-device custody the device tokens of {@code fixtures} are opened and read (the
     * key token counts as hardware only if every fixture's token has CKF_HW_SLOT).
     */
    public static StationCapabilities capabilities(Pkcs11Station hsm, ProductProfile profile,
                                                   ConformityDeclarations declared, DeviceTokens deviceTokens,
                                                   List<Fixture> fixtures) throws ProvisioningException {
        String described;
        boolean hardware;
        if (profile.custody() == KeyCustody.ON_DEVICE && deviceTokens instanceof Pkcs11DeviceTokens tokens
                && !fixtures.isEmpty()) {
            List<String> seen = new ArrayList<>();
            hardware = true;
            for (Fixture fixture : fixtures) {
                TokenInfo info = tokens.tokenInfo(fixture);
                hardware &= info.hardware();
                seen.add(fixture.id() + ": " + describe(info));
            }
            described = "the device tokens (" + String.join("; ", seen) + ")";
        } else {
            TokenInfo token = hsm.tokenInfo();
            described = describe(token);
            hardware = token.hardware();
        }
        return new StationCapabilities(described, true, hardware, declared.certifiedModule(),
                SecureBootFacts.forChip(profile.chipFamily(), profile.keys()), true, true);
    }

    private static String describe(TokenInfo token) {
        return token.manufacturer().trim() + " '" + token.label() + "' (" + (token.hardware() ? "hardware"
                : "software, no CKF_HW_SLOT") + ")";
    }

    /** Refuses with every unmet prerequisite named; returns the prerequisites otherwise. */
    public static List<Prerequisite> require(ProductProfile profile, StationCapabilities parts)
            throws ProvisioningException {
        return ClassPrerequisites.check(profile, parts);
    }
}
