package dev.hallmark.hsm.info;

import java.util.Optional;

/**
 * One slot of a module (slot ids are not stable: tokens are chosen by label or serial).
 *
 * @param id           the slot id this module gives it now
 * @param description  the slot description
 * @param manufacturer the slot's manufacturer ID
 * @param hardware     CKF_HW_SLOT: the slot is a hardware device, not a software one
 * @param removable    CKF_REMOVABLE_DEVICE: its token can be removed
 * @param token        the token in it, if one is present
 */
public record SlotInfo(long id, String description, String manufacturer, boolean hardware, boolean removable,
        Optional<TokenInfo> token) {
}
