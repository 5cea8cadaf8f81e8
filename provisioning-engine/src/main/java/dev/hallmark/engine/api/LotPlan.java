package dev.hallmark.engine.api;

import java.util.Objects;

/**
 * A production lot as it is opened: its product profile, its quota (the station refuses to claim a unit past it:
 * the overbuild cap) and how its units are named.
 *
 * @param lot     the lot's name
 * @param profile the product profile's name
 * @param quota   units the lot may hold, passed or under way; at least 1
 * @param serials how serials are allocated
 */
public record LotPlan(String lot, String profile, long quota, SerialScheme serials) {
    public LotPlan {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(serials, "serials");
        Names.problem(lot).ifPresent(p -> {
            throw new IllegalArgumentException("the lot name " + p + " (" + ErrorCode.LOT_NAME_INVALID.id() + ")");
        });
        if (quota < 1) {
            throw new IllegalArgumentException("a lot's quota is at least 1, not " + quota);
        }
        if (serials.isManifest() && serials.manifest().size() < quota) {
            throw new IllegalArgumentException("a manifest of " + serials.manifest().size()
                    + " serials cannot name a lot of " + quota);
        }
    }

    /** The plan, with HM-610 for a lot name outside {@link Names}' set (checked before anything is claimed). */
    public static LotPlan of(String lot, String profile, long quota, SerialScheme serials)
            throws ProvisioningException {
        return new LotPlan(Names.lot(lot), profile, quota, serials);
    }
}
