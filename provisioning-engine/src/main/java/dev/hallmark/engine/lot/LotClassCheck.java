package dev.hallmark.engine.lot;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.conformity.ClassPrerequisites;
import dev.hallmark.engine.conformity.Prerequisite;
import dev.hallmark.engine.conformity.SecureBootFacts;
import dev.hallmark.engine.conformity.StationCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ISO/IEC 27402 class check before a lot's first unit: the token the device keys are born in as it describes
 * itself (the station token for injected custody; every fixture's device token for on-device custody), the chip
 * family's secure boot with the profile's signing key, and the declared certification.
 */
public final class LotClassCheck {

    private LotClassCheck() {
    }

    /**
     * What the parts can do for the profile; with on-device custody the fixtures' device tokens are read (the key
     * token counts as hardware only if every fixture's token has CKF_HW_SLOT).
     */
    public static StationCapabilities capabilities(LotParts parts, ProductProfile profile, List<Fixture> fixtures)
            throws ProvisioningException {
        String described = null;
        boolean hardware = true;
        if (profile.custody() == KeyCustody.ON_DEVICE && !fixtures.isEmpty()) {
            List<String> seen = new ArrayList<>();
            for (Fixture fixture : fixtures) {
                Optional<TokenFacts> token = parts.tokens().deviceToken(fixture);
                if (token.isEmpty()) {
                    seen = null;
                    break;
                }
                hardware &= token.get().hardware();
                seen.add(fixture.id() + ": " + token.get().described());
            }
            if (seen != null) {
                described = "the device tokens (" + String.join("; ", seen) + ")";
            }
        }
        if (described == null) {
            TokenFacts token = parts.tokens().stationToken();
            described = token.described();
            hardware = token.hardware();
        }
        return new StationCapabilities(described, true, hardware, parts.certifiedModule(),
                SecureBootFacts.forChip(profile.chipFamily(), profile.keys()), true, true);
    }

    /** Refuses with CONFORMITY_PREREQUISITE_UNMET naming every unmet prerequisite; returns them all otherwise. */
    public static List<Prerequisite> require(ProductProfile profile, StationCapabilities capabilities)
            throws ProvisioningException {
        return ClassPrerequisites.check(profile, capabilities);
    }
}
