package dev.hallmark.app.access;

import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ProvisioningException;

/** Runs a signed-in person's action and appends it to the action log: OK with its exit code, or FAILED with the error. */
public final class RecordedAction {

    /** The command's work; returns its exit code. */
    @FunctionalInterface
    public interface Work {
        int run() throws ProvisioningException, InterruptedException;
    }

    private RecordedAction() {
    }

    public static int run(StationAccess access, SignedIn who, Action action, String target, Approval approval, Work work)
            throws ProvisioningException, InterruptedException {
        int exit;
        try {
            exit = work.run();
        } catch (ProvisioningException e) {
            access.control().record(who, action, target, approval, "FAILED", e.code().id() + " " + e.getMessage());
            throw e;
        }
        access.control().record(who, action, target, approval, "OK", "exit " + exit);
        return exit;
    }
}
