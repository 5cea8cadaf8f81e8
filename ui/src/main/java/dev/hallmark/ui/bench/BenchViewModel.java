package dev.hallmark.ui.bench;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the bench screen: lot header, counts, first-pass yield, one tile per fixture and the status line.
 *
 * <p>Engine events arrive on worker threads; each is stamped with the injected clock there and applied through
 * {@code fxExecutor} ({@code Platform::runLater} in production, a direct executor in tests), which must run tasks
 * one at a time and in order. Updates are coalesced: at most one task is pending on the executor at a time, and it
 * applies every update queued until it runs. The listener methods never block; once the screen is gone their updates are dropped
 * (logged once) instead of thrown into the engine.
 */
public final class BenchViewModel implements UnitListener {

    private static final Logger LOG = LoggerFactory.getLogger(BenchViewModel.class);

    private final String lot;
    private final String profile;
    private final Executor fxExecutor;
    private final Clock clock;
    private final Map<String, FixtureTileViewModel> tilesById = new LinkedHashMap<>();
    private final List<FixtureTileViewModel> tiles;
    private final ReadOnlyIntegerWrapper passed = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper firstPassYield = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper firstPassYieldText = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Waiting for the first unit");
    private final ReadOnlyBooleanWrapper statusError = new ReadOnlyBooleanWrapper();
    private final AtomicBoolean droppedUpdateLogged = new AtomicBoolean();
    private final java.util.Queue<Runnable> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private long drains;
    /** First result of each device seen in this run (by UID; a unit without UID counts as a device of its own). */
    private final Map<Object, Boolean> firstAttempts = new HashMap<>();
    private final Set<String> unknownFixtures = new HashSet<>();
    private boolean runOver;
    private final ReadOnlyStringWrapper unitsPerHourText = new ReadOnlyStringWrapper("-");
    private Instant firstStart;
    private final ScanViewModel scan = new ScanViewModel();

    public BenchViewModel(String lot, String profile, List<Fixture> fixtures, Executor fxExecutor, Clock clock) {
        this.lot = Objects.requireNonNull(lot, "lot");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Fixture fixture : Objects.requireNonNull(fixtures, "fixtures")) {
            if (tilesById.putIfAbsent(fixture.id(), new FixtureTileViewModel(fixture.id())) != null) {
                throw new IllegalArgumentException("fixture id used twice: " + fixture.id());
            }
        }
        this.tiles = List.copyOf(tilesById.values());
    }

    @Override
    public void unitStarted(String fixtureId) {
        Instant now = clock.instant();
        publish(() -> {
            if (firstStart == null) {
                firstStart = now;
            }
            withTile(fixtureId, tile -> tile.unitStarted(now));
        });
    }

    @Override
    public void stepStarted(String fixtureId, String serial, Step step) {
        Objects.requireNonNull(step, "step");
        Instant now = clock.instant();
        publish(() -> withTile(fixtureId, tile -> tile.stepStarted(serial, step, now)));
    }

    @Override
    public void stepWaiting(String fixtureId, String serial, Step step, String reason, java.time.Duration retryIn) {
        Objects.requireNonNull(step, "step");
        Instant now = clock.instant();
        publish(() -> withTile(fixtureId, tile -> tile.stepWaiting(step, retryIn, now)));
    }

    @Override
    public void unitFinished(UnitOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        Instant now = clock.instant();
        publish(() -> {
            withTile(outcome.fixtureId(), tile -> tile.unitFinished(outcome, now));
            count(outcome);
        });
    }

    /** The run ended normally; {@code summaryLine} (e.g. "Run finished: 5 passed, 0 failed") becomes the status line. */
    public void runFinished(String summaryLine) {
        Objects.requireNonNull(summaryLine, "summaryLine");
        publish(() -> endRun(summaryLine, false));
    }

    /** The run stopped on a run-level error; the one line is shown as an error in the status line. */
    public void runFailed(String oneLineError) {
        Objects.requireNonNull(oneLineError, "oneLineError");
        publish(() -> endRun(oneLineError, true));
    }

    /** Advances the elapsed time of running units; called on the FX thread by the view's one-second ticker. */
    public void refreshElapsed() {
        Instant now = clock.instant();
        tiles.forEach(tile -> tile.refreshElapsed(now));
        updateUnitsPerHour(now);
    }

    /** Finished units per hour since the first unit of this screen started; shown from the first minute on. */
    private void updateUnitsPerHour(Instant now) {
        if (firstStart == null || total.get() == 0) {
            return;
        }
        double hours = java.time.Duration.between(firstStart, now).toMillis() / 3_600_000.0;
        if (hours >= 1.0 / 60) {
            unitsPerHourText.set(String.format(Locale.ROOT, "%.0f", total.get() / hours));
        }
    }

    private void count(UnitOutcome outcome) {
        if (outcome.passed()) {
            passed.set(passed.get() + 1);
        } else {
            failed.set(failed.get() + 1);
        }
        total.set(passed.get() + failed.get());
        Object device = outcome.uid() != null ? outcome.uid() : new Object();
        firstAttempts.putIfAbsent(device, outcome.passed());
        long firstPass = firstAttempts.values().stream().filter(Boolean::booleanValue).count();
        double fpy = (double) firstPass / firstAttempts.size();
        firstPassYield.set(fpy);
        firstPassYieldText.set(String.format(Locale.ROOT, "%.1f%%", fpy * 100));
        updateUnitsPerHour(clock.instant());
        updateProgressStatus();
    }

    private void endRun(String line, boolean error) {
        runOver = true;
        statusError.set(error);
        statusText.set(line);
    }

    private void withTile(String fixtureId, Consumer<FixtureTileViewModel> change) {
        FixtureTileViewModel tile = tilesById.get(fixtureId);
        if (tile == null) {
            if (unknownFixtures.add(fixtureId)) {
                LOG.warn("Events for fixture '{}', which is not on this bench, are not shown", fixtureId);
            }
            return;
        }
        change.accept(tile);
        updateProgressStatus();
    }

    private void updateProgressStatus() {
        if (runOver) {
            return;
        }
        long running = tiles.stream().filter(t -> t.stateProperty().get() == TileState.RUNNING).count();
        statusText.set(running + (running == 1 ? " unit" : " units") + " in progress, " + total.get() + " finished");
    }

    /**
     * Queues the update and makes sure one drain task is pending on the FX executor: however many events the
     * fixtures send between two pulses, the FX thread is asked once and applies them all, in order, in one go.
     */
    private void publish(Runnable update) {
        pending.add(update);
        if (!drainScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            fxExecutor.execute(this::drain);
        } catch (RejectedExecutionException | IllegalStateException e) {
            // The screen is closed or the toolkit stopped: the run goes on, only the display is lost.
            pending.clear();
            drainScheduled.set(false);
            if (droppedUpdateLogged.compareAndSet(false, true)) {
                LOG.warn("Bench screen no longer takes updates; further updates are dropped: {}", e.toString());
            }
        }
    }

    /** On the FX thread: applies every queued update; one queued after the flag is cleared schedules a new drain. */
    private void drain() {
        drainScheduled.set(false);
        drains++;
        for (Runnable update = pending.poll(); update != null; update = pending.poll()) {
            update.run();
        }
    }

    /** How many times the FX executor was asked to apply updates (each time applies all queued ones). */
    long drains() {
        return drains;
    }

    public String lot() {
        return lot;
    }

    public String profile() {
        return profile;
    }

    /** One tile per fixture, in the order the fixtures were given. */
    public List<FixtureTileViewModel> tiles() {
        return tiles;
    }

    public ReadOnlyIntegerProperty passedProperty() {
        return passed.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Units finished in this run, passed or failed. */
    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Devices that passed on their first attempt / devices attempted, 0..1; NaN before the first result. */
    public ReadOnlyDoubleProperty firstPassYieldProperty() {
        return firstPassYield.getReadOnlyProperty();
    }

    /** The first-pass yield as shown, e.g. {@code 66.7%}, or {@code -} before the first result. */
    public ReadOnlyStringProperty firstPassYieldTextProperty() {
        return firstPassYieldText.getReadOnlyProperty();
    }

    /** Run-level message: progress, the run's summary line, or a run-level error. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Finished units per hour since the first unit started, e.g. {@code 240}; {@code -} in the first minute. */
    public ReadOnlyStringProperty unitsPerHourTextProperty() {
        return unitsPerHourText.getReadOnlyProperty();
    }

    /** The scan field's state; inactive until {@link ScanViewModel#attach} gives it a bench to start units on. */
    public ScanViewModel scan() {
        return scan;
    }

    /** Whether the status line holds a run-level error. */
    public ReadOnlyBooleanProperty statusErrorProperty() {
        return statusError.getReadOnlyProperty();
    }
}
