package dev.hallmark.ui.signin;

import java.util.Objects;

/**
 * What starting units of the window's lot asks of the operator: nothing, an acknowledgement (the profile locks every
 * board for good), or also a second person's approval (the profile's two-person rule is on).
 *
 * @param lot           the lot's name, which the operator types to confirm
 * @param profile       the product profile's name
 * @param permanent     whether the profile's lock level is permanent (STM32 RDP level 2, burnt eFuses)
 * @param twoPersonRule whether the profile's two-person rule is on
 */
public record LotStartRule(String lot, String profile, boolean permanent, boolean twoPersonRule) {

    public LotStartRule {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(profile, "profile");
    }

    /** Whether the operator must confirm before the first unit (the lock is irreversible). */
    public boolean needsConfirmation() {
        return permanent;
    }

    /**
     * Whether a second person must approve: the rule covers irreversible actions only, as the CLI's
     * {@code AccessControl.requireTwoPersons} does, so a reversible lock needs no approval even with the rule on.
     */
    public boolean needsApproval() {
        return permanent && twoPersonRule;
    }
}
