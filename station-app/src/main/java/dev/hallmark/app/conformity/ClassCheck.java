package dev.hallmark.app.conformity;

import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.conformity.ClassPrerequisites;
import dev.hallmark.engine.conformity.Prerequisite;
import dev.hallmark.engine.conformity.StationCapabilities;
import dev.hallmark.hsm.info.TokenInfo;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.util.List;

/** The class check of an embedded station before the first unit: its token as it describes itself, plus declarations. */
public final class ClassCheck {

    private ClassCheck() {
    }

    /** What the embedded station's parts can do: the station token (injected custody) and the STM32 link. */
    public static StationCapabilities capabilities(Pkcs11Station hsm, ProductProfile profile,
                                                   ConformityDeclarations declared) throws ProvisioningException {
        TokenInfo token = hsm.tokenInfo();
        return new StationCapabilities(token.manufacturer() + " '" + token.label() + "' ("
                + (token.hardware() ? "hardware" : "software, no CKF_HW_SLOT") + ")", true, token.hardware(),
                declared.certifiedModule(), SecureBootFacts.forChip(profile.chipFamily()), true, true);
    }

    /** Refuses with every unmet prerequisite named; returns the prerequisites otherwise. */
    public static List<Prerequisite> require(ProductProfile profile, StationCapabilities parts)
            throws ProvisioningException {
        return ClassPrerequisites.check(profile, parts);
    }
}
