package dev.hallmark.ui.bench;

import dev.hallmark.testkit.fake.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class BenchViewModelTest {

    private static final List<Fixture> FIXTURES = List.of(
            new Fixture("A", "/dev/ttyA"), new Fixture("B", "/dev/ttyB"), new Fixture("C", "/dev/ttyC"));
    private static final Executor DIRECT = Runnable::run;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final BenchViewModel model = new BenchViewModel("L-2026-031", "sensor-f4", FIXTURES, DIRECT, clock);

    @Test
    void startsIdleWithOneTilePerFixture() {
        assertThat(model.tiles()).extracting(FixtureTileViewModel::fixtureId).containsExactly("A", "B", "C");
        assertThat(model.tiles()).allSatisfy(t -> {
            assertThat(t.stateProperty().get()).isEqualTo(TileState.IDLE);
            assertThat(t.resultTextProperty().get()).isEqualTo("IDLE");
        });
        assertThat(model.lot()).isEqualTo("L-2026-031");
        assertThat(model.profile()).isEqualTo("sensor-f4");
        assertThat(model.totalProperty().get()).isZero();
        assertThat(model.firstPassYieldProperty().get()).isNaN();
        assertThat(model.firstPassYieldTextProperty().get()).isEqualTo("-");
        assertThat(model.statusTextProperty().get()).isEqualTo("Waiting for the first unit");
    }

    @Test
    void threeFixturesShowPassFailAndTheCurrentStep() {
        UnitScript.pass(model, "A", "HM-F4-000001", "0a0b0c0d0e0f101112131415", Duration.ofSeconds(42));
        String cause = UnitScript.lockNackCause();
        UnitScript.fail(model, "B", "HM-F4-000002", "1a0b0c0d0e0f101112131415", Step.LOCK, ErrorCode.DEVICE_NACK,
                cause, Duration.ofSeconds(31));
        UnitScript.startUpTo(model, "C", "HM-F4-000003", Step.KEYGEN);

        FixtureTileViewModel a = model.tiles().get(0);
        assertThat(a.stateProperty().get()).isEqualTo(TileState.PASS);
        assertThat(a.resultTextProperty().get()).isEqualTo("PASS");
        assertThat(a.serialTextProperty().get()).isEqualTo("HM-F4-000001");
        assertThat(a.progressProperty().get()).isEqualTo(1.0);
        assertThat(a.elapsedTextProperty().get()).isEqualTo("0:42");

        FixtureTileViewModel b = model.tiles().get(1);
        assertThat(b.stateProperty().get()).isEqualTo(TileState.FAIL);
        assertThat(b.resultTextProperty().get()).isEqualTo("FAIL");
        assertThat(b.stepProperty().get()).isEqualTo(Step.LOCK);
        assertThat(b.stepTextProperty().get()).isEqualTo("Stopped at 7/9  LOCK");
        assertThat(b.detailTextProperty().get()).isEqualTo(cause).contains("send it to rework");
        assertThat(b.progressProperty().get()).isEqualTo(7.0 / 9);

        FixtureTileViewModel c = model.tiles().get(2);
        assertThat(c.stateProperty().get()).isEqualTo(TileState.RUNNING);
        assertThat(c.stepProperty().get()).isEqualTo(Step.KEYGEN);
        assertThat(c.stepTextProperty().get()).isEqualTo("Step 3/9  KEYGEN");
        assertThat(c.progressProperty().get()).isEqualTo(3.0 / 9);
        assertThat(c.serialTextProperty().get()).isEqualTo("HM-F4-000003");
        assertThat(c.detailTextProperty().get()).isEqualTo("Do not remove the unit");

        assertThat(model.passedProperty().get()).isEqualTo(1);
        assertThat(model.failedProperty().get()).isEqualTo(1);
        assertThat(model.totalProperty().get()).isEqualTo(2);
        assertThat(model.firstPassYieldProperty().get()).isEqualTo(0.5);
        assertThat(model.firstPassYieldTextProperty().get()).isEqualTo("50.0%");
        assertThat(model.statusTextProperty().get()).isEqualTo("1 unit in progress, 2 finished");
        assertThat(model.statusErrorProperty().get()).isFalse();
    }

    @Test
    void serialIsPendingUntilClaimAndLockWarnsNotToRemove() {
        UnitScript.startUpTo(model, "A", "HM-F4-000009", Step.IDENTIFY);
        FixtureTileViewModel a = model.tiles().get(0);
        assertThat(a.serialTextProperty().get()).isEqualTo("Serial pending");
        assertThat(a.stepTextProperty().get()).isEqualTo("Step 1/9  IDENTIFY");

        model.stepStarted("A", "HM-F4-000009", Step.CLAIM);
        model.stepStarted("A", "HM-F4-000009", Step.LOCK);
        assertThat(a.serialTextProperty().get()).isEqualTo("HM-F4-000009");
        assertThat(a.detailTextProperty().get()).startsWith("Locking: do not remove");
        assertThat(a.summaryProperty().get()).contains("Fixture A", "RUNNING", "HM-F4-000009", "LOCK");
    }

    @Test
    void aUnitWaitingForTheCaSaysWhyAndWhenItRetries() {
        UnitScript.startUpTo(model, "A", "HM-F4-000010", Step.ISSUE);

        model.stepWaiting("A", "HM-F4-000010", Step.ISSUE, "HM-401 CA: unreachable", java.time.Duration.ofSeconds(4));

        FixtureTileViewModel a = model.tiles().get(0);
        assertThat(a.detailTextProperty().get()).isEqualTo("Waiting for the CA, retry in 4 s - do not remove the unit");
        assertThat(a.stateProperty().get()).isEqualTo(TileState.RUNNING);
        assertThat(a.stepTextProperty().get()).isEqualTo("Step 5/9  ISSUE");
    }

    @Test
    void aRetriedDeviceCountsAgainstFirstPassYield() {
        String uid = "0a0b0c0d0e0f101112131415";
        UnitScript.fail(model, "A", "HM-F4-000001", uid, Step.IDENTIFY, ErrorCode.DEVICE_NOT_RESPONDING,
                "HM-301 device: no answer - reseat it", Duration.ofSeconds(3));
        UnitScript.pass(model, "A", "HM-F4-000002", uid, Duration.ofSeconds(40));
        UnitScript.pass(model, "B", "HM-F4-000003", "ffffffffffffffffffffffff", Duration.ofSeconds(41));

        assertThat(model.passedProperty().get()).isEqualTo(2);
        assertThat(model.failedProperty().get()).isEqualTo(1);
        assertThat(model.totalProperty().get()).isEqualTo(3);
        assertThat(model.firstPassYieldProperty().get()).isEqualTo(0.5);
        assertThat(model.tiles().get(0).previousTextProperty().get()).isEqualTo("Previous: FAIL (no serial)");
    }

    @Test
    void elapsedTimeRunsWithTheClockUntilTheUnitEnds() {
        UnitScript.startUpTo(model, "C", "HM-F4-000003", Step.CSR);
        clock.advance(Duration.ofSeconds(65));
        model.refreshElapsed();
        FixtureTileViewModel c = model.tiles().get(2);
        assertThat(c.elapsedTextProperty().get()).isEqualTo("1:05");

        clock.advance(Duration.ofHours(1));
        model.refreshElapsed();
        assertThat(c.elapsedTextProperty().get()).isEqualTo("1:01:05");

        UnitScript.pass(model, "C", "HM-F4-000004", "0a", Duration.ofSeconds(59));
        clock.advance(Duration.ofSeconds(10));
        model.refreshElapsed();
        assertThat(c.elapsedTextProperty().get()).isEqualTo("0:59");
    }

    @Test
    void runLevelMessagesOwnTheStatusLine() {
        UnitScript.pass(model, "A", "HM-F4-000001", "0a", Duration.ofSeconds(40));
        model.runFinished("Run finished: 1 passed, 0 failed");
        assertThat(model.statusTextProperty().get()).isEqualTo("Run finished: 1 passed, 0 failed");
        assertThat(model.statusErrorProperty().get()).isFalse();

        model.runFailed("HM-502 audit database: locked - check the database path");
        UnitScript.startUpTo(model, "B", "HM-F4-000002", Step.CLAIM);
        assertThat(model.statusTextProperty().get()).isEqualTo("HM-502 audit database: locked - check the database path");
        assertThat(model.statusErrorProperty().get()).isTrue();
    }

    @Test
    void eventsTakeEffectOnlyWhenTheExecutorRunsThem() {
        Queue<Runnable> fxQueue = new ArrayDeque<>();
        BenchViewModel queued = new BenchViewModel("L", "p", FIXTURES, fxQueue::add, clock);
        UnitScript.pass(queued, "A", "S-1", "0a", Duration.ofSeconds(1));
        assertThat(queued.tiles().get(0).stateProperty().get()).isEqualTo(TileState.IDLE);
        // Eleven events, one task: the FX thread is asked once however many events come before it runs.
        assertThat(fxQueue).hasSize(1);

        fxQueue.poll().run();
        assertThat(queued.tiles().get(0).stateProperty().get()).isEqualTo(TileState.PASS);
        assertThat(queued.passedProperty().get()).isEqualTo(1);
        assertThat(queued.drains()).isEqualTo(1);

        // Once drained, the next event asks again, and events keep their order across drains.
        queued.unitStarted("A");
        assertThat(fxQueue).hasSize(1);
        queued.stepStarted("A", "S-2", Step.IDENTIFY);
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(queued.tiles().get(0).serialTextProperty().get()).isEqualTo("S-2");
        assertThat(queued.tiles().get(0).stateProperty().get()).isEqualTo(TileState.RUNNING);
        assertThat(queued.drains()).isEqualTo(2);
    }

    @Test
    void aClosedScreenNeverThrowsIntoTheEngine() {
        Executor closed = task -> {
            throw new RejectedExecutionException("closed");
        };
        BenchViewModel gone = new BenchViewModel("L", "p", FIXTURES, closed, clock);
        assertThatNoException().isThrownBy(() -> {
            UnitScript.pass(gone, "A", "S-1", "0a", Duration.ofSeconds(1));
            gone.runFinished("Run finished: 1 passed, 0 failed");
        });
    }

    @Test
    void eventsForUnknownFixturesAreIgnored() {
        model.unitStarted("Z");
        UnitScript.pass(model, "Z", "S-1", "0a", Duration.ofSeconds(1));
        assertThat(model.tiles()).allSatisfy(t -> assertThat(t.stateProperty().get()).isEqualTo(TileState.IDLE));
        assertThat(model.totalProperty().get()).isEqualTo(1);
    }

    @Test
    void fixtureIdsMustBeUnique() {
        List<Fixture> twice = List.of(new Fixture("A", "/dev/ttyA"), new Fixture("A", "/dev/ttyB"));
        assertThatThrownBy(() -> new BenchViewModel("L", "p", twice, DIRECT, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A");
    }
}
