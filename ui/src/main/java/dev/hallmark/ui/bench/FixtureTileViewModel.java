package dev.hallmark.ui.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One fixture's tile: the unit on it, its current step, elapsed time and last result. Changed on the FX thread only. */
public final class FixtureTileViewModel {

    /** Number of steps of one unit's path (IDENTIFY .. SEAL). */
    public static final int STEP_COUNT = Step.values().length;

    private final String fixtureId;
    private final ReadOnlyObjectWrapper<TileState> state = new ReadOnlyObjectWrapper<>(TileState.IDLE);
    private final ReadOnlyStringWrapper serialText = new ReadOnlyStringWrapper("No unit yet");
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper("Step -/" + STEP_COUNT);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(formatElapsed(Duration.ZERO));
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("IDLE");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper("Waiting for a unit");
    private final ReadOnlyStringWrapper previousText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private String serial;
    private Instant startedAt;

    FixtureTileViewModel(String fixtureId) {
        this.fixtureId = Objects.requireNonNull(fixtureId, "fixtureId");
        updateSummary();
    }

    void unitStarted(Instant now) {
        if (state.get() == TileState.PASS || state.get() == TileState.FAIL) {
            previousText.set("Previous: " + resultText.get() + " " + (serial == null ? "(no serial)" : serial));
        }
        serial = null;
        startedAt = now;
        state.set(TileState.RUNNING);
        serialText.set("Serial pending");
        step.set(null);
        stepText.set("Starting");
        progress.set(0);
        elapsedText.set(formatElapsed(Duration.ZERO));
        resultText.set("RUNNING");
        detailText.set("Do not remove the unit");
        updateSummary();
    }

    void stepStarted(String unitSerial, Step current, Instant now) {
        if (state.get() != TileState.RUNNING) {
            unitStarted(now); // the start event was missed; show the unit anyway
        }
        if (unitSerial != null) {
            serial = unitSerial;
            serialText.set(unitSerial);
        }
        int index = current.ordinal() + 1;
        step.set(current);
        stepText.set("Step " + index + "/" + STEP_COUNT + "  " + current);
        progress.set((double) index / STEP_COUNT);
        detailText.set(current.irreversible()
                ? "Locking: do not remove or power off the unit" : "Do not remove the unit");
        refreshElapsed(now);
        updateSummary();
    }

    /** The unit waits for a part (the CA) and retries; the operator sees why and when, and leaves the unit be. */
    void stepWaiting(Step current, java.time.Duration retryIn, Instant now) {
        if (state.get() != TileState.RUNNING) {
            return;
        }
        detailText.set("Waiting for the " + (current == Step.ISSUE ? "CA" : "station") + ", retry in "
                + retryIn.toSeconds() + " s - do not remove the unit");
        refreshElapsed(now);
        updateSummary();
    }

    void unitFinished(UnitOutcome outcome, Instant now) {
        if (outcome.serial() != null) {
            serial = outcome.serial();
        }
        serialText.set(serial == null ? "No serial assigned" : serial);
        elapsedText.set(formatElapsed(outcome.elapsed() != null ? outcome.elapsed()
                : startedAt != null ? Duration.between(startedAt, now) : Duration.ZERO));
        startedAt = null;
        if (outcome.passed()) {
            state.set(TileState.PASS);
            step.set(Step.SEAL);
            stepText.set("All " + STEP_COUNT + " steps done");
            progress.set(1);
            resultText.set("PASS");
            detailText.set("Take the unit off the fixture");
        } else {
            Step at = outcome.failedStep() != null ? outcome.failedStep() : step.get();
            state.set(TileState.FAIL);
            step.set(at);
            stepText.set(at == null ? "Stopped" : "Stopped at " + (at.ordinal() + 1) + "/" + STEP_COUNT + "  " + at);
            progress.set(at == null ? 0 : (double) (at.ordinal() + 1) / STEP_COUNT);
            resultText.set("FAIL");
            detailText.set(causeOf(outcome));
        }
        updateSummary();
    }

    void refreshElapsed(Instant now) {
        if (startedAt != null) {
            elapsedText.set(formatElapsed(Duration.between(startedAt, now)));
        }
    }

    private static String causeOf(UnitOutcome outcome) {
        if (outcome.cause() != null && !outcome.cause().isBlank()) {
            return outcome.cause();
        }
        ErrorCode error = outcome.error();
        return error == null ? "Cause unknown: see the station log" : error.id() + " " + error.part() + ": " + error.remedy();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from one hour on; negative durations (clock steps) show as zero. */
    static String formatElapsed(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    private void updateSummary() {
        summary.set("Fixture " + fixtureId + ": " + resultText.get() + ". " + serialText.get() + ". "
                + stepText.get() + ". " + detailText.get());
    }

    public String fixtureId() {
        return fixtureId;
    }

    public ReadOnlyObjectProperty<TileState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The unit's serial, or a placeholder before CLAIM. */
    public ReadOnlyStringProperty serialTextProperty() {
        return serialText.getReadOnlyProperty();
    }

    /** The step running now, the failed step, or SEAL after a PASS; null before the first step. */
    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** For example {@code Step 4/9  CSR}. */
    public ReadOnlyStringProperty stepTextProperty() {
        return stepText.getReadOnlyProperty();
    }

    /** Step index / 9, from 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    /** IDLE, RUNNING, PASS or FAIL: the big word of the tile. */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** What to do now; on FAIL the one-line cause with its remedy. */
    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    /** The previous unit's result once a new unit has started, else empty. */
    public ReadOnlyStringProperty previousTextProperty() {
        return previousText.getReadOnlyProperty();
    }

    /** The whole tile in one sentence, for screen readers. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
