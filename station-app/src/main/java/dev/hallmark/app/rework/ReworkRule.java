package dev.hallmark.app.rework;

import dev.hallmark.app.access.CaKeyRule;
import dev.hallmark.app.conformity.ConformityDeclarations;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Optional;

/**
 * Whether a rework needs a second person: where the unit's product profile (station.yaml, or conformity.yaml for the
 * demo profile) has the two-person rule on, and always where the station's CA key rule is on, since a rework signs a
 * revocation with the CA key (decision 0014). A lot whose profile the station no longer knows is treated as on.
 */
public final class ReworkRule {

    private ReworkRule() {
    }

    /** The profile the lot was made to, as the station knows it now; empty when it does not. */
    public static Optional<ProductProfile> profile(StationConfig config, String profileName) {
        if (profileName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProductProfiles.byName(config, profileName));
        } catch (ProvisioningException e) {
            return Optional.empty();
        }
    }

    /** Whether the rework of a unit made to {@code profile} needs an approver. */
    public static boolean twoPersons(DataDir dir, Optional<ProductProfile> profile) throws ProvisioningException {
        if (CaKeyRule.on(dir) || profile.isEmpty()) {
            return true;
        }
        boolean declared = DemoProfile.STM32F4.name().equals(profile.get().name())
                && ConformityDeclarations.load(dir.root()).applyTo(DemoProfile.STM32F4, ConformityClass.NONE)
                .conformity().twoPersonRule();
        return declared || profile.get().conformity().twoPersonRule();
    }
}
