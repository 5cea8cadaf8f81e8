package dev.hallmark.engine.lot;

import dev.hallmark.engine.access.Approval;
import java.util.Objects;

/**
 * How a front door obtained consent to lock devices for good: the operator's explicit confirmation (and, under the
 * two-person rule, a second person's approval) before the lot, or a gate that clears each start itself.
 *
 * @param how      in words, for the log: e.g. "--confirm-irreversible", "the window's lot-start panel"
 * @param approval the second person's approval, or null where none was needed or the gate asks for it per start
 * @param perStart true when the front door gates every unit's start itself (the window's confirmation panel)
 */
public record LockConsent(String how, Approval approval, boolean perStart) {
    public LockConsent {
        Objects.requireNonNull(how, "how");
    }

    /** Confirmed once for the whole lot, with the approval (null where the two-person rule is off). */
    public static LockConsent confirmed(String how, Approval approval) {
        return new LockConsent(how, approval, false);
    }

    /** The front door confirms (and has approved) each start itself before it asks the session for a unit. */
    public static LockConsent gatedPerStart(String how) {
        return new LockConsent(how, null, true);
    }
}
