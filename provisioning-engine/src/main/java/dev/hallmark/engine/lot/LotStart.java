package dev.hallmark.engine.lot;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.workflow.CrashHook;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a front door asks for: the lot on a profile, with its plan (quota and serial scheme; null for an open-ended
 * lot, as the demo runs), over the station's fixtures.
 *
 * @param lot      the lot's name
 * @param profile  the product profile (with its class and keys as declared)
 * @param plan     the lot plan to open or continue, or null: the lot is open-ended (no quota, the profile's prefix)
 * @param fixtures the fixtures this session works on; units left under way on other fixtures are only noted
 * @param consent  consent to lock for good; required when the profile's lock is irreversible, else null
 * @param crash    the crash hook (a no-op in production)
 * @param note     one-line notes for the operator (units left on other fixtures)
 */
public record LotStart(String lot, ProductProfile profile, LotPlan plan, List<Fixture> fixtures, LockConsent consent,
                       CrashHook crash, Consumer<String> note) {
    public LotStart {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(profile, "profile");
        fixtures = List.copyOf(fixtures);
        crash = crash == null ? CrashHook.NONE : crash;
        note = note == null ? s -> { } : note;
    }

    /** An open-ended lot on the fixtures, without crash hook or notes. */
    public static LotStart openEnded(String lot, ProductProfile profile, List<Fixture> fixtures, LockConsent consent) {
        return new LotStart(lot, profile, null, fixtures, consent, CrashHook.NONE, null);
    }

    /** The same start with {@code hook} called at every journal write. */
    public LotStart withCrashHook(CrashHook hook) {
        return new LotStart(lot, profile, plan, fixtures, consent, hook, note);
    }

    /** The same start with notes going to {@code to}. */
    public LotStart withNotes(Consumer<String> to) {
        return new LotStart(lot, profile, plan, fixtures, consent, crash, to);
    }
}
