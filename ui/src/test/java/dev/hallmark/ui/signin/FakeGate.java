package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A gate with accounts in memory, the engine's matrix for the window's permissions, lockout at 5, and a log. */
final class FakeGate implements StationGate {

    private record Account(String password, Set<Role> roles) {
    }

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    final List<String> log = new ArrayList<>();

    FakeGate with(String name, String password, Role... roles) {
        accounts.put(name, new Account(password, Set.of(roles)));
        return this;
    }

    static Set<Role> allowed(Permission p) {
        return switch (p) {
            case BENCH_SCREEN, START_UNIT -> EnumSet.of(Role.OPERATOR, Role.SUPERVISOR);
            case PERMANENT_LOCK -> EnumSet.of(Role.OPERATOR, Role.SUPERVISOR);
            case LOT_DASHBOARD_SCREEN -> EnumSet.of(Role.SUPERVISOR, Role.ADMIN);
            case AUDITOR_SCREEN, VERIFY_CHAIN, EXPORT -> EnumSet.of(Role.AUDITOR, Role.SUPERVISOR, Role.ADMIN);
            case ADMIN_SCREEN, TEST_CONNECTION -> EnumSet.of(Role.ADMIN);
        };
    }

    @Override
    public Session signIn(String name, char[] password) throws ProvisioningException {
        Account account = accounts.get(name);
        if (failures.getOrDefault(name, 0) >= 5) {
            log.add(name + " SIGN_IN DENIED locked");
            throw new ProvisioningException(ErrorCode.ACCOUNT_LOCKED, "the account '" + name + "' is locked");
        }
        if (account == null || !Arrays.equals(account.password().toCharArray(), password)) {
            int n = failures.merge(name, 1, Integer::sum);
            log.add(name + " SIGN_IN DENIED failure " + n);
            throw new ProvisioningException(n >= 5 ? ErrorCode.ACCOUNT_LOCKED : ErrorCode.SIGN_IN_FAILED,
                    "sign-in as '" + name + "' failed");
        }
        return new Session(name, account.roles());
    }

    @Override
    public boolean allows(Session who, Permission what) {
        return who.roles().stream().anyMatch(allowed(what)::contains);
    }

    @Override
    public String rolesFor(Permission what) {
        return allowed(what).toString();
    }

    @Override
    public void authorize(Session who, Permission what, String target) throws ProvisioningException {
        if (!allows(who, what)) {
            log.add(who.name() + " " + what + " DENIED " + target);
            throw new ProvisioningException(ErrorCode.ACCESS_DENIED, who.describe() + " may not " + what.words());
        }
    }

    @Override
    public Session approve(Session requester, Permission what, String approverName, char[] approverPassword)
            throws ProvisioningException {
        Session approver = signIn(approverName, approverPassword);
        if (approver.name().equals(requester.name())
                || approver.roles().stream().noneMatch(r -> r == Role.SUPERVISOR || r == Role.ADMIN)) {
            log.add(requester.name() + " " + what + " DENIED approver " + approverName);
            throw new ProvisioningException(ErrorCode.APPROVAL_INVALID, approverName + " may not approve");
        }
        return approver;
    }

    @Override
    public void record(Session who, Permission what, String target, String approver, String outcome, String detail) {
        log.add(who.name() + " " + what + " " + outcome + " " + target + (approver == null ? "" : " approver " + approver));
    }

    @Override
    public void recordSession(Session who, String event, String detail) {
        log.add(who.name() + " " + event + " OK");
    }
}
