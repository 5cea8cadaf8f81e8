package dev.hallmark.app.station;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.BenchControl;
import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.workflow.BenchLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's feed of the {@link LotSession}: each scanned label starts one unit on the first free fixture, on a
 * thread of its own, after the loader has put the next board there (the simulator's board swap; on a real bench,
 * the operator's). The label is recorded with the unit (the auditor's unit detail shows it). When the window opens,
 * units the station left under way are resumed first, each on its fixture, before that fixture takes a scan.
 */
public final class ScanBench implements BenchControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScanBench.class);
    private static final int MAX_LABEL = 64;

    private final List<Fixture> fixtures;
    private final BenchLoader loader;
    private final LotSession session;
    private final UnitListener listener;
    private final ExecutorService workers;
    /** Guarded by this: units started per fixture, and which fixtures run one now. */
    private final Map<String, Integer> started = new HashMap<>();
    private final Map<String, Boolean> busy = new HashMap<>();

    /** {@code listener} must be the session's own; it also hears of a board that could not be loaded. */
    public ScanBench(List<Fixture> fixtures, BenchLoader loader, LotSession session, UnitListener listener) {
        this.fixtures = List.copyOf(fixtures);
        this.loader = loader;
        this.session = session;
        this.listener = listener;
        // Below the FX thread's priority: the bench screen stays smooth while every fixture works (WorkerPriority).
        this.workers = Executors.newFixedThreadPool(fixtures.size(), WorkerPriority.lowered("scan-unit"));
    }

    @Override
    public List<Fixture> fixtures() {
        return fixtures;
    }

    @Override
    public Optional<String> start(String scannedLabel) throws ProvisioningException {
        String label = scannedLabel == null ? "" : scannedLabel.strip();
        if (label.isEmpty() || label.length() > MAX_LABEL || !label.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the scanned label '" + printable(label)
                    + "' is not 1 to " + MAX_LABEL + " printable characters; scan the board's label again");
        }
        Fixture free;
        int index;
        synchronized (this) {
            free = fixtures.stream().filter(f -> !busy.getOrDefault(f.id(), false)).findFirst().orElse(null);
            if (free == null) {
                return Optional.empty();
            }
            busy.put(free.id(), true);
            index = started.merge(free.id(), 1, Integer::sum) - 1;
        }
        LOG.info("scan {} starts a unit on fixture {}", label, free.id());
        Fixture fixture = free;
        workers.execute(() -> run(fixture, index, label));
        return Optional.of(free.id());
    }

    /**
     * Resumes, each on its fixture's worker, the units the session found left under way; those fixtures are busy
     * until their units are done, and their next scan puts a fresh board on. Returns the fixtures being resumed.
     */
    public List<String> resumeLeftUnderWay() {
        List<String> resuming = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            if (!session.pendingResume().containsKey(fixture.id())) {
                continue;
            }
            synchronized (this) {
                if (busy.getOrDefault(fixture.id(), false)) {
                    continue;
                }
                busy.put(fixture.id(), true);
                started.merge(fixture.id(), 1, Integer::sum);
            }
            resuming.add(fixture.id());
            LOG.info("fixture {}: resuming the units left under way there", fixture.id());
            workers.execute(() -> {
                try {
                    session.resumeLeftOn(fixture).forEach(o -> LOG.info("resumed on fixture {}: {} {}",
                            fixture.id(), o.result(), o.serial()));
                } finally {
                    synchronized (this) {
                        busy.put(fixture.id(), false);
                    }
                }
            });
        }
        return resuming;
    }

    /** Whether a unit runs on the fixture now (its port is then in use). */
    public synchronized boolean busy(String fixtureId) {
        return busy.getOrDefault(fixtureId, false);
    }

    private void run(Fixture fixture, int index, String label) {
        try {
            loader.load(fixture, index);
            UnitOutcome outcome = session.start(fixture, label);
            LOG.info("scan {} on fixture {}: {} {}", label, fixture.id(), outcome.result(), outcome.serial());
        } catch (ProvisioningException e) {
            LOG.error("fixture {}: no board could be loaded for scan {}: {}", fixture.id(), label, e.oneLine(), e);
            listener.unitStarted(fixture.id());
            listener.unitFinished(new UnitOutcome(fixture.id(), null, null, UnitResult.FAILED, null, e.code(),
                    e.oneLine(), null, Duration.ZERO));
        } finally {
            synchronized (this) {
                busy.put(fixture.id(), false);
            }
        }
    }

    private static String printable(String s) {
        return s.codePoints().mapToObj(c -> c >= 0x20 && c < 0x7f ? Character.toString(c) : "?")
                .reduce("", String::concat);
    }

    /** Waits briefly for running units to finish, then stops the worker threads. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
