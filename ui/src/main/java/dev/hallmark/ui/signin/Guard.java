package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Objects;

/**
 * The check every guarded port makes before it works, off the FX thread: somebody is signed in, and their roles
 * allow the permission (a refusal is recorded by the gate). The screens' tabs are already closed to the wrong
 * roles; this is the second line, where the work is done.
 */
final class Guard {

    private final StationGate gate;
    private final SignInViewModel signIn;

    Guard(SignInViewModel signIn) {
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.gate = signIn.gate();
    }

    /** The person signed in now, allowed {@code what}; HM-708 when nobody is, HM-700 when their roles do not allow it. */
    Session require(Permission what, String target) throws ProvisioningException {
        Session who = signIn.current();
        if (who == null) {
            throw new ProvisioningException(ErrorCode.NOT_SIGNED_IN, "nobody is signed in to " + what.words());
        }
        gate.authorize(who, what, target);
        return who;
    }

    /** Records the action's outcome. */
    void record(Session who, Permission what, String target, String outcome, String detail)
            throws ProvisioningException {
        gate.record(who, what, target, null, outcome, detail);
    }
}
