package dev.hallmark.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.OperatorAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decision 0018: refusals, lockouts and CA key operations are anchored as they are recorded; routine actions wait. */
class AnchoringActionLogTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final PasswordHasher hasher = PasswordHasher.forTests(new SecureRandom());
    private final List<Long> anchoredAt = new ArrayList<>();
    private MemoryOperators store;
    private AnchoringActionLog log;
    private AccessControl access;

    @BeforeEach
    void accounts() throws ProvisioningException {
        store = new MemoryOperators();
        log = new AnchoringActionLog(store);
        log.anchorWith(() -> anchoredAt.add((long) store.all().size()));
        access = new AccessControl(store, log, clock, 3, hasher);
        store.create(new OperatorAccount("olga", Set.of(Role.OPERATOR), hasher.hash("olga-password-1".toCharArray())
                .encode(), 0, false, false, clock.instant(), clock.instant()));
        store.create(new OperatorAccount("root", Set.of(Role.ADMIN), hasher.hash("root-password-1".toCharArray())
                .encode(), 0, false, false, clock.instant(), clock.instant()));
    }

    @Test
    void eachRefusedSignInAndTheLockoutAreAnchoredAtOnce() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> access.signIn("olga", "wrong".toCharArray()))
                    .isInstanceOf(ProvisioningException.class);
        }
        assertThatThrownBy(() -> access.signIn("olga", "olga-password-1".toCharArray()))
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.ACCOUNT_LOCKED);
        assertThat(anchoredAt).as("after each of the four refusals, with the refusal already in the log")
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aCaKeyOperationIsAnchoredARoutineActionWaitsForTheNextCheckpoint() throws ProvisioningException {
        SignedIn root = access.signIn("root", "root-password-1".toCharArray());
        access.record(root, Action.AUDIT_VERIFY, null, null, "OK", "exit 0");
        assertThat(anchoredAt).isEmpty();
        access.record(root, Action.CA_KEY_OPERATION, "revoke HM-1", null, "OK", "exit 0");
        assertThat(anchoredAt).containsExactly(2L);
    }

    @Test
    void anAnchorThatFailsLosesNoRecord() throws ProvisioningException {
        log.anchorWith(() -> {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the token is away");
        });
        assertThatThrownBy(() -> access.signIn("olga", "wrong".toCharArray())).isInstanceOf(ProvisioningException.class);
        assertThat(store.all()).singleElement().extracting(a -> a.record().outcome()).isEqualTo("DENIED");
    }

    @Test
    void theRuleNamesRefusalsAndKeyOperationsOnly() {
        Instant t = clock.instant();
        assertThat(AnchoringActionLog.anchorsAtOnce(new ActionRecord(t, "x", "PROVISION", "L", null, "DENIED", "role")))
                .isTrue();
        assertThat(AnchoringActionLog.anchorsAtOnce(new ActionRecord(t, "x", "CA_INIT", null, null, "OK", "exit 0")))
                .isTrue();
        assertThat(AnchoringActionLog.anchorsAtOnce(new ActionRecord(t, "x", "PROVISION", "L", null, "OK", "exit 0")))
                .isFalse();
    }
}
