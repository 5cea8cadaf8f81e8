package dev.hallmark.engine.access;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.ActionLog;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.engine.port.OperatorDirectory;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with lockout, the role check of every action and the two-person rule; every refusal and every action
 * is appended to the action log with who and when. Passwords are checked against their stored hashes only and
 * never logged.
 */
public final class AccessControl {

    /** Failed sign-ins in a row after which an account is locked. */
    public static final int DEFAULT_MAX_FAILURES = 5;

    /** Who a break-glass action is recorded as: whoever held the token's SO PIN. */
    public static final String SECURITY_OFFICER = "security-officer";
    /** The action-log name of a break-glass unlock. */
    public static final String BREAK_GLASS_UNLOCK = "BREAK_GLASS_UNLOCK";

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    private final OperatorDirectory directory;
    private final ActionLog log;
    private final Clock clock;
    private final int maxFailures;
    private final PasswordHash decoy;

    public AccessControl(OperatorDirectory directory, ActionLog log, Clock clock, int maxFailures, PasswordHasher hasher) {
        this.directory = directory;
        this.log = log;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.decoy = hasher.hash("decoy-for-unknown-names".toCharArray());
    }

    /** Checks the password; counts a failure, and locks the account at the limit. */
    public SignedIn signIn(String name, char[] password) throws ProvisioningException {
        Optional<OperatorAccount> found = directory.find(name);
        if (found.isEmpty()) {
            PasswordHasher.verify(password, decoy);
            refuse(name, "SIGN_IN", null, "unknown operator");
            throw new ProvisioningException(ErrorCode.SIGN_IN_FAILED, "sign-in as '" + name + "' failed");
        }
        OperatorAccount account = found.get();
        if (account.locked()) {
            refuse(name, "SIGN_IN", null, "account locked");
            throw new ProvisioningException(ErrorCode.ACCOUNT_LOCKED, "the account '" + name + "' is locked");
        }
        if (!PasswordHasher.verify(password, PasswordHash.parse(account.passwordHash()))) {
            int failures = account.failedSignIns() + 1;
            boolean spared = failures >= maxFailures && lastActiveAdmin(name);
            boolean lock = failures >= maxFailures && !spared;
            directory.updateState(name, failures, lock, clock.instant());
            refuse(name, "SIGN_IN", null, "wrong password, failure " + failures + " of " + maxFailures
                    + (lock ? "; account locked" : "") + (spared ? "; not locked: the last active admin ("
                    + ErrorCode.LAST_ADMIN.id() + ")" : ""));
            LOG.warn("sign-in as '{}' failed ({} of {}){}", name, failures, maxFailures, lock ? "; account locked" : "");
            if (lock) {
                throw new ProvisioningException(ErrorCode.ACCOUNT_LOCKED, "sign-in as '" + name
                        + "' failed " + failures + " times; the account is now locked");
            }
            throw new ProvisioningException(ErrorCode.SIGN_IN_FAILED, "sign-in as '" + name + "' failed");
        }
        if (account.failedSignIns() > 0) {
            directory.updateState(name, 0, false, clock.instant());
        }
        return new SignedIn(account.name(), account.roles(), account.service());
    }

    /**
     * Whether {@code name} is the last admin who can still sign in (an unlocked person account with the admin role,
     * and no other): locking it would leave nobody to revoke, rotate or unlock.
     */
    public boolean lastActiveAdmin(String name) throws ProvisioningException {
        boolean target = false;
        for (OperatorAccount a : directory.list()) {
            if (a.has(Role.ADMIN) && !a.locked() && !a.service()) {
                if (!a.name().equals(name)) {
                    return false;
                }
                target = true;
            }
        }
        return target;
    }

    /** Refuses (and records) locking or disabling the last active admin, by anyone, themselves included. */
    public void requireNotLastAdmin(SignedIn who, String name, String target) throws ProvisioningException {
        if (lastActiveAdmin(name)) {
            refuse(who.name(), Action.OPERATOR_ADMIN.name(), target, "'" + name + "' is the last active admin");
            throw new ProvisioningException(ErrorCode.LAST_ADMIN, "'" + name + "' is the last active admin and "
                    + "cannot be locked");
        }
    }

    /**
     * Break-glass: unlocks {@code name} (failures cleared) without an admin's sign-in, after the caller had the
     * token accept the security officer's PIN; recorded as the security officer's action.
     */
    public void breakGlassUnlock(String name, String evidence) throws ProvisioningException {
        OperatorAccount account = directory.find(name).orElseThrow(() -> new ProvisioningException(
                ErrorCode.OPERATOR_INVALID, "there is no operator named '" + name + "'"));
        directory.updateState(account.name(), 0, false, clock.instant());
        log.append(new ActionRecord(clock.instant(), SECURITY_OFFICER, BREAK_GLASS_UNLOCK, name, null, "OK",
                evidence));
        LOG.warn("break-glass unlock of '{}' by the token's security officer", name);
    }

    /** Records a refused break-glass attempt (the token refused the SO PIN). */
    public void breakGlassRefused(String name, String why) throws ProvisioningException {
        refuse(SECURITY_OFFICER, BREAK_GLASS_UNLOCK, name, why);
    }

    /** Refuses (and records) an action the person's roles do not allow. */
    public void authorize(SignedIn who, Action action, String target) throws ProvisioningException {
        if (!who.mayDo(action)) {
            String needs = action.allowed().stream().map(r -> r.label()).sorted().collect(Collectors.joining(" or "));
            refuse(who.name(), action.name(), target, "role " + who.describe() + " may not; needs " + needs);
            throw new ProvisioningException(ErrorCode.ACCESS_DENIED, who.describe() + " may not " + words(action)
                    + (target == null ? "" : " (" + target + ")") + "; it needs the role " + needs);
        }
    }

    /**
     * The second person signs in with their own credentials and approves; they must differ from the requester
     * and hold the supervisor or admin role.
     */
    public Approval approve(SignedIn requester, Action action, String approverName, char[] approverPassword)
            throws ProvisioningException {
        SignedIn approver = signIn(approverName, approverPassword);
        if (approver.name().equals(requester.name())) {
            refuse(requester.name(), action.name(), null, "approver is the requester");
            throw new ProvisioningException(ErrorCode.APPROVAL_INVALID, "'" + approverName
                    + "' cannot approve their own request to " + words(action));
        }
        if (approver.roles().stream().noneMatch(Action.approvers()::contains)) {
            refuse(requester.name(), action.name(), null, "approver " + approver.describe() + " lacks the role");
            throw new ProvisioningException(ErrorCode.APPROVAL_INVALID, approver.describe()
                    + " may not approve; an approver needs the supervisor or admin role");
        }
        return new Approval(action, requester, approver, clock.instant());
    }

    /** Where the rule is on, a sensitive action without an approval is refused (and recorded). */
    public void requireTwoPersons(SignedIn who, Action action, boolean ruleOn, Approval approval, String target)
            throws ProvisioningException {
        if (!ruleOn || !action.sensitive()) {
            return;
        }
        if (approval == null || approval.action() != action || !approval.requester().name().equals(who.name())) {
            refuse(who.name(), action.name(), target, "two-person rule: no approval");
            throw new ProvisioningException(ErrorCode.APPROVAL_REQUIRED, "the two-person rule is on: " + words(action)
                    + (target == null ? "" : " (" + target + ")") + " needs a second person's approval");
        }
    }

    /** Records an action taken (or failed) with who, the approver if any, and when. */
    public void record(SignedIn who, Action action, String target, Approval approval, String outcome, String detail)
            throws ProvisioningException {
        log.append(new ActionRecord(clock.instant(), who.name(), action.name(), target,
                approval == null ? null : approval.approver().name(), outcome, detail));
    }

    private void refuse(String name, String action, String target, String why) throws ProvisioningException {
        log.append(new ActionRecord(clock.instant(), name, action, target, null, "DENIED", why));
    }

    private static String words(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
