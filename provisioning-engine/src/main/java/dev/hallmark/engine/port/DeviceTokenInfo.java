package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * Optional capability of {@link DeviceTokens}: each fixture's token as it describes itself, for the class check
 * before the first unit. Device tokens that cannot say (a simulated element) do not implement it.
 */
public interface DeviceTokenInfo {

    /** The token at the fixture: its maker and label, and whether it sits in a hardware slot. */
    Description describe(Fixture fixture) throws ProvisioningException;

    /**
     * A token's own description.
     *
     * @param name     maker and label, e.g. {@code SoftHSM project 'dev-a'}
     * @param hardware whether the slot is hardware (PKCS#11 CKF_HW_SLOT)
     */
    record Description(String name, boolean hardware) {
    }
}
