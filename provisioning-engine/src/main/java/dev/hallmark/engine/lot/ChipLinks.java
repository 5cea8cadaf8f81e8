package dev.hallmark.engine.lot;

import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.TargetLinkFactory;

/** The device link for a profile's chip family (its bootloader protocol, with the profile's secure-boot key). */
@FunctionalInterface
public interface ChipLinks {

    /** The link factory that speaks to the profile's chip family. */
    TargetLinkFactory forProfile(ProductProfile profile);
}
