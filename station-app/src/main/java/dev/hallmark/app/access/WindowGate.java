package dev.hallmark.app.access;

import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.ui.signin.Permission;
import dev.hallmark.ui.signin.Session;
import dev.hallmark.ui.signin.StationGate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The station window's gate on the engine's access control: each window permission is one action of the engine's
 * matrix (docs/access-control.md), so the window and the CLI allow the same people the same things and write the
 * same action log. Service accounts are for scripts: they cannot sign in to the window. Only sessions this gate
 * issued and that have not signed out are honoured (by identity, not by name and roles), so a session object made
 * elsewhere in the process opens nothing.
 */
public final class WindowGate implements StationGate {

    private final StationAccess access;
    private final Set<Session> live = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public WindowGate(StationAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /** The engine action behind a window permission. */
    public static Action action(Permission permission) {
        return switch (permission) {
            case BENCH_SCREEN, START_UNIT -> Action.PROVISION;
            case LOT_DASHBOARD_SCREEN -> Action.LOT_OPEN_CLOSE;
            case AUDITOR_SCREEN, VERIFY_CHAIN -> Action.AUDIT_VERIFY;
            case EXPORT -> Action.AUDIT_EXPORT;
            case ADMIN_SCREEN, TEST_CONNECTION -> Action.HSM_ADMIN;
            case PERMANENT_LOCK -> Action.PERMANENT_LOCK;
        };
    }

    @Override
    public Session signIn(String name, char[] password) throws ProvisioningException {
        SignedIn who = access.control().signIn(name, password);
        if (who.service()) {
            append(who.name(), "SIGN_IN", null, "DENIED", "service account in the station window");
            throw new ProvisioningException(ErrorCode.ACCESS_DENIED, "'" + who.name()
                    + "' is a service account for scripts; sign in to the window as a person");
        }
        Session session = new Session(who.name(), who.roles());
        live.add(session);
        return session;
    }

    @Override
    public boolean allows(Session who, Permission what) {
        return who != null && live.contains(who) && asSignedIn(who).mayDo(action(what));
    }

    @Override
    public String rolesFor(Permission what) {
        return action(what).allowed().stream().map(Role::label).sorted().collect(Collectors.joining(" or "));
    }

    @Override
    public void authorize(Session who, Permission what, String target) throws ProvisioningException {
        access.control().authorize(signedIn(who), action(what), target);
    }

    @Override
    public Session approve(Session requester, Permission what, String approverName, char[] approverPassword)
            throws ProvisioningException {
        Approval approval = access.control().approve(signedIn(requester), action(what), approverName, approverPassword);
        return new Session(approval.approver().name(), approval.approver().roles());
    }

    @Override
    public void record(Session who, Permission what, String target, String approver, String outcome, String detail)
            throws ProvisioningException {
        append(who.name(), action(what).name(), target, outcome, detail, approver);
    }

    @Override
    public void recordSession(Session who, String event, String detail) throws ProvisioningException {
        if ("SIGN_OUT".equals(event)) {
            live.remove(who);
        }
        append(who.name(), event, null, "OK", detail);
    }

    private void append(String name, String action, String target, String outcome, String detail)
            throws ProvisioningException {
        append(name, action, target, outcome, detail, null);
    }

    private void append(String name, String action, String target, String outcome, String detail, String approver)
            throws ProvisioningException {
        access.log().append(new ActionRecord(access.clock().instant(), name, action, target, approver, outcome, detail));
    }

    private SignedIn signedIn(Session who) throws ProvisioningException {
        if (who == null || !live.contains(who)) {
            throw new ProvisioningException(ErrorCode.NOT_SIGNED_IN, "the station window has no such signed-in session"
                    + (who == null ? "" : " for " + who.name()) + "; sign in again");
        }
        return asSignedIn(who);
    }

    private static SignedIn asSignedIn(Session who) {
        return new SignedIn(who.name(), who.roles(), false);
    }
}
