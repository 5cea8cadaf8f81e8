package dev.hallmark.engine.access;

import dev.hallmark.engine.api.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything a signed-in person can ask the station to do, with the roles allowed to do it and whether it falls
 * under the two-person rule (docs/access-control.md has the same matrix as a table).
 */
public enum Action {
    /** Provision units: {@code hallmark demo}, {@code hallmark provision}. */
    PROVISION(false, Role.OPERATOR, Role.SUPERVISOR),
    /** Open or close a lot. */
    LOT_OPEN_CLOSE(false, Role.SUPERVISOR, Role.ADMIN),
    /** Send a failed unit to rework, or override a check. */
    REWORK_OVERRIDE(false, Role.SUPERVISOR, Role.ADMIN),
    /** Lock a device's debug interfaces for good (STM32 RDP level 2, burnt eFuses). */
    PERMANENT_LOCK(true, Role.OPERATOR, Role.SUPERVISOR),
    /** Remove readout protection to rework a unit (mass erase). */
    READOUT_UNPROTECT(true, Role.SUPERVISOR, Role.ADMIN),
    /** Verify the audit chain. */
    AUDIT_VERIFY(false, Role.AUDITOR, Role.SUPERVISOR, Role.ADMIN),
    /** Export unit records. */
    AUDIT_EXPORT(false, Role.AUDITOR, Role.SUPERVISOR, Role.ADMIN),
    /** Write a lot's conformity report. */
    LOT_REPORT(false, Role.AUDITOR, Role.SUPERVISOR, Role.ADMIN),
    /** Create the station token and the CA where they are missing. */
    CA_INIT(false, Role.OPERATOR, Role.ADMIN),
    /** Use the CA key: revoke a certificate and sign a CRL. */
    CA_KEY_OPERATION(true, Role.ADMIN),
    /** Inspect or configure the HSM. */
    HSM_ADMIN(false, Role.ADMIN),
    /** Bring a transport KEK into the HSM or retire one: {@code kek import}, {@code kek retire}. */
    KEK_CEREMONY(false, Role.ADMIN),
    /** Add, list, lock operators and set their passwords. */
    OPERATOR_ADMIN(false, Role.ADMIN);

    private final boolean sensitive;
    private final Set<Role> allowed;

    Action(boolean sensitive, Role first, Role... more) {
        this.sensitive = sensitive;
        this.allowed = Set.copyOf(EnumSet.of(first, more));
    }

    /** Roles that may take this action. */
    public Set<Role> allowed() {
        return allowed;
    }

    /** Whether the action is irreversible or sensitive: it needs a second person where the two-person rule is on. */
    public boolean sensitive() {
        return sensitive;
    }

    /** Roles that may approve this action as the second person. */
    public static Set<Role> approvers() {
        return Set.of(Role.SUPERVISOR, Role.ADMIN);
    }
}
