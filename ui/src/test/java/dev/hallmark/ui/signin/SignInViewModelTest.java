package dev.hallmark.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.Role;
import dev.hallmark.ui.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInViewModelTest {

    private final FakeGate gate = new FakeGate().with("anna", "correct-horse-1", Role.OPERATOR);
    private final MutableClock clock = new MutableClock();
    private final SignInViewModel model = new SignInViewModel(gate, new Background(Runnable::run, Runnable::run), clock,
            Duration.ofMinutes(10));

    @Test
    void aWrongPasswordShowsOneLineClearsThePasswordAndIsRecorded() {
        sign("anna", "wrong-password");

        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.errorProperty().get()).startsWith("HM-701 access: sign-in as 'anna' failed").doesNotContain("\n");
        assertThat(model.passwordProperty().get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(gate.log).containsExactly("anna SIGN_IN DENIED failure 1");
    }

    @Test
    void theFifthFailureSaysTheAccountIsLockedAndTheRightPasswordThenFails() {
        for (int i = 0; i < 5; i++) {
            sign("anna", "wrong-password");
        }
        assertThat(model.errorProperty().get()).startsWith("HM-702 ");
        sign("anna", "correct-horse-1");
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.errorProperty().get()).startsWith("HM-702 ").contains("locked");
    }

    @Test
    void theRightPasswordSignsInAndSignOutReturnsToTheForm() {
        sign("anna", "correct-horse-1");

        assertThat(model.sessionProperty().get()).isEqualTo(new Session("anna", java.util.Set.of(Role.OPERATOR)));
        assertThat(model.current()).isSameAs(model.sessionProperty().get());
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.nameProperty().get()).isEmpty();

        model.signOut("");
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.current()).isNull();
        assertThat(model.noticeProperty().get()).isEqualTo("anna signed out");
        assertThat(gate.log).containsExactly("anna SIGN_IN OK", "anna SIGN_OUT OK");
    }

    @Test
    void anEmptyFieldAsksForItWithoutCallingTheGate() {
        sign("", "x");
        assertThat(model.errorProperty().get()).isEqualTo("Type your operator name, then your password");
        sign("anna", "");
        assertThat(model.errorProperty().get()).isEqualTo("Type your password, then Enter");
        assertThat(gate.log).isEmpty();
    }

    @Test
    void theIdleLimitSignsOutOnlyAfterItPassesWithoutATouch() {
        sign("anna", "correct-horse-1");
        clock.advance(Duration.ofMinutes(9));
        assertThat(model.checkIdle()).isFalse();
        model.touch();
        clock.advance(Duration.ofMinutes(9));
        assertThat(model.checkIdle()).isFalse();
        clock.advance(Duration.ofMinutes(1));

        assertThat(model.checkIdle()).isTrue();
        assertThat(model.sessionProperty().get()).isNull();
        assertThat(model.noticeProperty().get()).isEqualTo("anna signed out (idle for 10 min)");
    }

    @Test
    void withoutAnIdleLimitNobodyIsSignedOut() {
        SignInViewModel noLimit = new SignInViewModel(gate, new Background(Runnable::run, Runnable::run), clock, Duration.ZERO);
        noLimit.nameProperty().set("anna");
        noLimit.passwordProperty().set("correct-horse-1");
        noLimit.submit();
        clock.advance(Duration.ofDays(1));
        assertThat(noLimit.checkIdle()).isFalse();
        assertThat(noLimit.sessionProperty().get()).isNotNull();
    }

    private void sign(String name, String password) {
        model.nameProperty().set(name);
        model.passwordProperty().set(password);
        model.submit();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T06:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
