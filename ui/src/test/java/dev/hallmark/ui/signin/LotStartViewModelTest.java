package dev.hallmark.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.BenchControl;
import dev.hallmark.ui.Background;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The permanent-lock confirmation and approval, and the bench guard that enforces them, without the toolkit. */
class LotStartViewModelTest {

    private final FakeGate gate = new FakeGate().with("olga", "operator-pass", Role.OPERATOR)
            .with("sam", "supervisor-pass", Role.SUPERVISOR).with("otto", "other-op-pass", Role.OPERATOR)
            .with("aud", "auditor-pass", Role.AUDITOR);
    private final Background direct = new Background(Runnable::run, Runnable::run);
    private final SignInViewModel signIn = new SignInViewModel(gate, direct, Clock.systemUTC(), null);
    private final List<String> started = new ArrayList<>();
    private final BenchControl bench = new BenchControl() {
        @Override
        public List<Fixture> fixtures() {
            return List.of(new Fixture("F1", "/dev/null"));
        }

        @Override
        public Optional<String> start(String label) {
            started.add(label);
            return Optional.of("F1");
        }
    };

    @Test
    void aReversibleLotNeedsNothingAndTheBenchStartsAtOnce() throws Exception {
        LotStartViewModel lot = new LotStartViewModel(new LotStartRule("L1", "p", false, true), signIn, direct);
        GuardedBench guarded = new GuardedBench(bench, signIn, lot);
        sign("olga", "operator-pass");

        assertThat(lot.stageProperty().get()).isEqualTo(LotStartViewModel.Stage.NOT_NEEDED);
        assertThat(guarded.start("B-1")).contains("F1");
        assertThat(started).containsExactly("B-1");
        assertThat(gate.log).contains("olga START_UNIT OK L1/B-1");
    }

    @Test
    void aPermanentLotRefusesScansUntilTheOperatorTypesTheLotName() throws Exception {
        LotStartViewModel lot = new LotStartViewModel(new LotStartRule("L2", "p", true, false), signIn, direct);
        GuardedBench guarded = new GuardedBench(bench, signIn, lot);
        sign("olga", "operator-pass");

        assertThatThrownBy(() -> guarded.start("B-1")).isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("locks every board for good");
        lot.typedLotProperty().set("L");
        lot.confirm();
        assertThat(lot.errorProperty().get()).contains("Type the lot's name exactly (L2)");
        assertThat(lot.stageProperty().get()).isEqualTo(LotStartViewModel.Stage.CONFIRM);

        lot.typedLotProperty().set("L2");
        lot.confirm();
        assertThat(lot.stageProperty().get()).isEqualTo(LotStartViewModel.Stage.DONE);
        assertThat(guarded.start("B-2")).contains("F1");
        assertThat(started).containsExactly("B-2");
        assertThat(gate.log).contains("olga START_UNIT DENIED L2/B-1", "olga PERMANENT_LOCK OK L2",
                "olga START_UNIT OK L2/B-2");
    }

    @Test
    void theTwoPersonRuleNeedsADifferentSupervisorAndTheApprovalIsRecorded() throws Exception {
        LotStartViewModel lot = new LotStartViewModel(new LotStartRule("L3", "p", true, true), signIn, direct);
        GuardedBench guarded = new GuardedBench(bench, signIn, lot);
        sign("olga", "operator-pass");
        lot.typedLotProperty().set("L3");
        lot.confirm();
        assertThat(lot.stageProperty().get()).isEqualTo(LotStartViewModel.Stage.APPROVE);

        approve(lot, "otto", "other-op-pass");
        assertThat(lot.errorProperty().get()).startsWith("HM-704 ");
        approve(lot, "sam", "wrong");
        assertThat(lot.errorProperty().get()).startsWith("HM-701 ");
        assertThat(lot.approverPasswordProperty().get()).isEmpty();
        assertThatThrownBy(() -> guarded.start("B-1")).hasMessageContaining("has not confirmed");

        approve(lot, "sam", "supervisor-pass");
        assertThat(lot.stageProperty().get()).isEqualTo(LotStartViewModel.Stage.DONE);
        assertThat(lot.outcomeProperty().get()).startsWith("Approved by sam (supervisor) for olga");
        assertThat(gate.log).contains("olga PERMANENT_LOCK OK L3 approver sam");
        assertThat(guarded.start("B-2")).contains("F1");
    }

    @Test
    void theConfirmationEndsWithTheSessionAndAnotherOperatorConfirmsAgain() throws Exception {
        LotStartViewModel lot = new LotStartViewModel(new LotStartRule("L4", "p", true, false), signIn, direct);
        GuardedBench guarded = new GuardedBench(bench, signIn, lot);
        sign("olga", "operator-pass");
        lot.typedLotProperty().set("L4");
        lot.confirm();
        signIn.signOut("");
        assertThat(lot.stageProperty().get()).isEqualTo(LotStartViewModel.Stage.CONFIRM);
        assertThatThrownBy(() -> guarded.start("B-1")).hasMessageStartingWith("nobody is signed in");

        sign("otto", "other-op-pass");
        assertThatThrownBy(() -> guarded.start("B-1")).hasMessageContaining("otto has not confirmed");
        assertThat(started).isEmpty();
    }

    @Test
    void anAuditorCannotStartAUnitEvenWithTheTabClosedAround() throws Exception {
        LotStartViewModel lot = new LotStartViewModel(new LotStartRule("L5", "p", false, false), signIn, direct);
        GuardedBench guarded = new GuardedBench(bench, signIn, lot);
        sign("aud", "auditor-pass");

        assertThatThrownBy(() -> guarded.start("B-1")).isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("may not start a unit");
        assertThat(started).isEmpty();
        assertThat(gate.log).contains("aud START_UNIT DENIED L5/B-1");
    }

    private void sign(String name, String password) {
        signIn.nameProperty().set(name);
        signIn.passwordProperty().set(password);
        signIn.submit();
        assertThat(signIn.current()).as("signed in as " + name).isNotNull();
    }

    private static void approve(LotStartViewModel lot, String name, String password) {
        lot.approverNameProperty().set(name);
        lot.approverPasswordProperty().set(password);
        lot.approve();
    }
}
