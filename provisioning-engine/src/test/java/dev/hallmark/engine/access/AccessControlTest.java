package dev.hallmark.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.OperatorAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final PasswordHasher hasher = PasswordHasher.forTests(new SecureRandom());
    private MemoryOperators store;
    private AccessControl access;

    @BeforeEach
    void accounts() throws ProvisioningException {
        store = new MemoryOperators();
        access = new AccessControl(store, store, clock, 3, hasher);
        add("olga", "olga-password-1", Role.OPERATOR);
        add("sam", "sam-password-12", Role.SUPERVISOR);
        add("ada", "ada-password-12", Role.AUDITOR);
        add("root", "root-password-1", Role.ADMIN);
    }

    private void add(String name, String password, Role role) throws ProvisioningException {
        store.create(new OperatorAccount(name, Set.of(role), hasher.hash(password.toCharArray()).encode(), 0, false,
                false, clock.instant(), clock.instant()));
    }

    @Test
    void theRightPasswordSignsInWithTheAccountsRoles() throws ProvisioningException {
        SignedIn olga = access.signIn("olga", "olga-password-1".toCharArray());
        assertThat(olga.roles()).containsExactly(Role.OPERATOR);
    }

    @Test
    void lockoutAfterTheLimitRefusesEvenTheRightPassword() throws ProvisioningException {
        assertCode(() -> access.signIn("olga", "wrong".toCharArray()), ErrorCode.SIGN_IN_FAILED);
        assertCode(() -> access.signIn("olga", "wrong".toCharArray()), ErrorCode.SIGN_IN_FAILED);
        assertCode(() -> access.signIn("olga", "wrong".toCharArray()), ErrorCode.ACCOUNT_LOCKED);
        assertThat(store.find("olga").orElseThrow().locked()).isTrue();
        assertCode(() -> access.signIn("olga", "olga-password-1".toCharArray()), ErrorCode.ACCOUNT_LOCKED);
        assertThat(store.outcomes()).containsExactly("SIGN_IN:DENIED", "SIGN_IN:DENIED", "SIGN_IN:DENIED",
                "SIGN_IN:DENIED");
    }

    @Test
    void aGoodSignInClearsEarlierFailures() throws ProvisioningException {
        assertCode(() -> access.signIn("olga", "wrong".toCharArray()), ErrorCode.SIGN_IN_FAILED);
        access.signIn("olga", "olga-password-1".toCharArray());
        assertThat(store.find("olga").orElseThrow().failedSignIns()).isZero();
    }

    @Test
    void anUnknownNameFailsLikeAWrongPassword() {
        assertCode(() -> access.signIn("mallory", "x".toCharArray()), ErrorCode.SIGN_IN_FAILED);
        assertThat(store.actions.get(0).record().detail()).isEqualTo("unknown operator");
    }

    @Test
    void eachRoleMayDoWhatTheMatrixSaysAndIsRefusedTheRest() throws ProvisioningException {
        SignedIn olga = access.signIn("olga", "olga-password-1".toCharArray());
        SignedIn ada = access.signIn("ada", "ada-password-12".toCharArray());
        SignedIn root = access.signIn("root", "root-password-1".toCharArray());
        access.authorize(olga, Action.PROVISION, "L1");
        access.authorize(ada, Action.LOT_REPORT, "L1");
        access.authorize(root, Action.OPERATOR_ADMIN, null);
        assertCode(() -> access.authorize(olga, Action.LOT_REPORT, "L1"), ErrorCode.ACCESS_DENIED);
        assertCode(() -> access.authorize(ada, Action.PROVISION, "L1"), ErrorCode.ACCESS_DENIED);
        assertCode(() -> access.authorize(olga, Action.CA_KEY_OPERATION, null), ErrorCode.ACCESS_DENIED);
        assertCode(() -> access.authorize(root, Action.PROVISION, "L1"), ErrorCode.ACCESS_DENIED);
        assertThat(store.outcomes()).containsExactly("LOT_REPORT:DENIED", "PROVISION:DENIED", "CA_KEY_OPERATION:DENIED",
                "PROVISION:DENIED");
    }

    @Test
    void twoPersonRuleNeedsADifferentSupervisorOrAdmin() throws ProvisioningException {
        SignedIn olga = access.signIn("olga", "olga-password-1".toCharArray());
        assertCode(() -> access.requireTwoPersons(olga, Action.PERMANENT_LOCK, true, null, "L1"),
                ErrorCode.APPROVAL_REQUIRED);
        assertCode(() -> access.approve(olga, Action.PERMANENT_LOCK, "olga", "olga-password-1".toCharArray()),
                ErrorCode.APPROVAL_INVALID);
        assertCode(() -> access.approve(olga, Action.PERMANENT_LOCK, "ada", "ada-password-12".toCharArray()),
                ErrorCode.APPROVAL_INVALID);
        assertCode(() -> access.approve(olga, Action.PERMANENT_LOCK, "sam", "wrong".toCharArray()),
                ErrorCode.SIGN_IN_FAILED);
        Approval approval = access.approve(olga, Action.PERMANENT_LOCK, "sam", "sam-password-12".toCharArray());
        access.requireTwoPersons(olga, Action.PERMANENT_LOCK, true, approval, "L1");
        access.record(olga, Action.PERMANENT_LOCK, "L1", approval, "OK", "lot locked permanently");
        var last = store.actions.get(store.actions.size() - 1).record();
        assertThat(last.operator()).isEqualTo("olga");
        assertThat(last.approver()).isEqualTo("sam");
    }

    @Test
    void anApprovalForAnotherActionDoesNotCount() throws ProvisioningException {
        SignedIn olga = access.signIn("olga", "olga-password-1".toCharArray());
        Approval forLock = access.approve(olga, Action.PERMANENT_LOCK, "sam", "sam-password-12".toCharArray());
        assertCode(() -> access.requireTwoPersons(olga, Action.READOUT_UNPROTECT, true, forLock, "U1"),
                ErrorCode.APPROVAL_REQUIRED);
    }

    @Test
    void withTheRuleOffOrForARoutineActionNoSecondPersonIsNeeded() throws ProvisioningException {
        SignedIn olga = access.signIn("olga", "olga-password-1".toCharArray());
        access.requireTwoPersons(olga, Action.PERMANENT_LOCK, false, null, "L1");
        access.requireTwoPersons(olga, Action.PROVISION, true, null, "L1");
        assertThat(store.actions).isEmpty();
    }

    @Test
    void firstStartCreatesAdminAndStationOnce() throws ProvisioningException {
        MemoryOperators empty = new MemoryOperators();
        StationAccounts.Created created = StationAccounts.ensure(empty, empty, hasher, new SecureRandom(), clock);
        assertThat(created.adminPassword()).hasSize(24);
        AccessControl fresh = new AccessControl(empty, empty, clock, 3, hasher);
        assertThat(fresh.signIn("admin", created.adminPassword()).roles()).containsExactly(Role.ADMIN);
        assertThat(fresh.signIn("station", created.stationSecret()).roles())
                .containsExactlyInAnyOrder(Role.OPERATOR, Role.AUDITOR);
        assertThat(empty.accounts.values()).allSatisfy(a -> assertThat(a.passwordHash()).startsWith("$argon2id$")
                .doesNotContain(new String(created.adminPassword())));
        assertThat(StationAccounts.ensure(empty, empty, hasher, new SecureRandom(), clock)).isNull();
    }

    @Test
    void wrongPasswordsNeverLockTheLastActiveAdminButEachFailureIsRecorded() throws ProvisioningException {
        for (int i = 0; i < 5; i++) {
            assertCode(() -> access.signIn("root", "wrong".toCharArray()), ErrorCode.SIGN_IN_FAILED);
        }
        OperatorAccount root = store.find("root").orElseThrow();
        assertThat(root.locked()).isFalse();
        assertThat(root.failedSignIns()).isEqualTo(5);
        assertThat(store.outcomes()).containsExactly("SIGN_IN:DENIED", "SIGN_IN:DENIED", "SIGN_IN:DENIED",
                "SIGN_IN:DENIED", "SIGN_IN:DENIED");
        assertThat(store.actions.get(4).record().detail()).contains("failure 5 of 3", "not locked: the last active "
                + "admin (HM-730)");
        assertThat(access.signIn("root", "root-password-1".toCharArray()).name()).isEqualTo("root");
    }

    @Test
    void withASecondAdminTheFirstLocksAsAnyone() throws ProvisioningException {
        add("ines", "ines-password-1", Role.ADMIN);
        for (int i = 0; i < 2; i++) {
            assertCode(() -> access.signIn("root", "wrong".toCharArray()), ErrorCode.SIGN_IN_FAILED);
        }
        assertCode(() -> access.signIn("root", "wrong".toCharArray()), ErrorCode.ACCOUNT_LOCKED);
        assertThat(access.lastActiveAdmin("ines")).isTrue();
    }

    @Test
    void theLastActiveAdminCannotBeLockedEvenByThemselves() throws ProvisioningException {
        SignedIn root = access.signIn("root", "root-password-1".toCharArray());
        assertCode(() -> access.requireNotLastAdmin(root, "root", "lock root"), ErrorCode.LAST_ADMIN);
        assertThat(store.outcomes()).containsExactly("OPERATOR_ADMIN:DENIED");
        access.requireNotLastAdmin(root, "olga", "lock olga");
        add("ines", "ines-password-1", Role.ADMIN);
        access.requireNotLastAdmin(root, "root", "lock root");
    }

    @Test
    void aBreakGlassUnlockClearsTheLockAndIsRecordedAsTheSecurityOfficers() throws ProvisioningException {
        store.updateState("root", 7, true, clock.instant());
        access.breakGlassUnlock("root", "the token accepted the SO PIN");
        assertThat(store.find("root").orElseThrow().locked()).isFalse();
        assertThat(store.find("root").orElseThrow().failedSignIns()).isZero();
        assertThat(store.actions).last().satisfies(a -> {
            assertThat(a.record().operator()).isEqualTo(AccessControl.SECURITY_OFFICER);
            assertThat(a.record().action()).isEqualTo("BREAK_GLASS_UNLOCK");
            assertThat(a.record().outcome()).isEqualTo("OK");
        });
    }

    private static void assertCode(ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
