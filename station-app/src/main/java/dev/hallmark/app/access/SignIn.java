package dev.hallmark.app.access;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.access.AccessControl;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.access.StationAccounts;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * The sign-in options every guarded command mixes in. Without {@code --operator} the command runs as the station's
 * service account, whose secret is in the data directory (so the demo and scripts on the station need no prompt).
 */
public final class SignIn {

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Sign in as this operator; the password comes from HALLMARK_PASSWORD_FILE (a 0600 file),"
                    + " HALLMARK_PASSWORD, or a prompt. Default: the station's service account.")
    String operator;

    @Option(names = "--approver", paramLabel = "NAME",
            description = "Second person under the two-person rule (supervisor or admin); password from"
                    + " HALLMARK_APPROVER_PASSWORD_FILE, HALLMARK_APPROVER_PASSWORD, or a prompt.")
    String approver;

    /** Signs in (as --operator or the station account) and checks the role for {@code action}. */
    public SignedIn require(StationAccess access, DataDir dir, Action action, String target) throws ProvisioningException {
        SignedIn who = signIn(access, dir);
        access.control().authorize(who, action, target);
        return who;
    }

    /** Signs in as --operator, or as the station's service account from its secret file. */
    public SignedIn signIn(StationAccess access, DataDir dir) throws ProvisioningException {
        String name = operator != null ? operator : StationAccounts.STATION;
        char[] password = operator != null ? PasswordInput.system().read(PasswordInput.OPERATOR, name)
                : PasswordInput.fromFile(StationAccess.stationSecret(dir), "station service account secret");
        try {
            return access.control().signIn(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The approval of --approver where the rule is on and the action is sensitive; null where none is needed. */
    public Approval approval(StationAccess access, SignedIn who, Action action, boolean ruleOn, String target)
            throws ProvisioningException {
        AccessControl control = access.control();
        Approval approval = null;
        if (ruleOn && action.sensitive() && approver != null) {
            char[] password = PasswordInput.system().read(PasswordInput.APPROVER, approver);
            try {
                approval = control.approve(who, action, approver, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        control.requireTwoPersons(who, action, ruleOn, approval, target);
        return approval;
    }
}
