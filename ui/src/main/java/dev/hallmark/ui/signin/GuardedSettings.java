package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.PartCheck;
import dev.hallmark.engine.port.StationSettings;

/**
 * The admin screen's settings with each part's "test connection" guarded: it runs only for a signed-in person whose
 * role may test the parts, and each run (or refusal) is in the action log with what it found.
 */
public final class GuardedSettings {

    private GuardedSettings() {
    }

    /** The same settings, each part's check guarded. */
    public static StationSettings of(StationSettings settings, SignInViewModel signIn) {
        Guard guard = new Guard(signIn);
        return new StationSettings(settings.profiles(), settings.parts().stream()
                .map(p -> new StationSettings.Part(p.name(), p.settings(), guarded(p.name(), p.check(), guard)))
                .toList());
    }

    private static PartCheck guarded(String part, PartCheck check, Guard guard) {
        return () -> {
            Session who;
            try {
                who = guard.require(Permission.TEST_CONNECTION, part);
            } catch (ProvisioningException e) {
                return new PartCheck.Result(false, "not run: " + e.oneLine());
            }
            PartCheck.Result result = check.run();
            try {
                guard.record(who, Permission.TEST_CONNECTION, part, result.ok() ? "OK" : "FAILED", result.line());
            } catch (ProvisioningException e) {
                return new PartCheck.Result(false, "ran, but could not be recorded: " + e.oneLine());
            }
            return result;
        };
    }
}
