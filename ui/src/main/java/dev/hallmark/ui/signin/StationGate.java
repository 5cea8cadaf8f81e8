package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ProvisioningException;

/**
 * The engine's access control as the window needs it: sign-in with lockout, the role matrix, the second
 * person's approval and the action log. station-app implements it on {@code engine.access.AccessControl}.
 * {@link #allows} and {@link #rolesFor} are pure and fast; every other method may hash a password or write the
 * database and is called off the FX thread.
 */
public interface StationGate {

    /** Checks the password (a failure is counted and recorded; the engine locks the account at its limit). */
    Session signIn(String name, char[] password) throws ProvisioningException;

    /** Whether the person's roles allow this. */
    boolean allows(Session who, Permission what);

    /** The roles that allow this, in words: {@code operator or supervisor}. */
    String rolesFor(Permission what);

    /** Refuses (ACCESS_DENIED, recorded DENIED) what the person's roles do not allow. */
    void authorize(Session who, Permission what, String target) throws ProvisioningException;

    /**
     * A second, different person with the supervisor or admin role approves {@code what} for {@code requester};
     * returns the approver as signed in. Their failed sign-in is counted like any other.
     */
    Session approve(Session requester, Permission what, String approverName, char[] approverPassword)
            throws ProvisioningException;

    /** Appends an action to the action log: OK, DENIED or FAILED, with the approver where one approved. */
    void record(Session who, Permission what, String target, String approver, String outcome, String detail)
            throws ProvisioningException;

    /** Appends a sign-in or sign-out of the window ({@code SIGN_IN}, {@code SIGN_OUT}) to the action log. */
    void recordSession(Session who, String event, String detail) throws ProvisioningException;
}
