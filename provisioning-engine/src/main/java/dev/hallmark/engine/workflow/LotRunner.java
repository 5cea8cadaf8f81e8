package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions units over a set of fixtures (a gang), one worker thread per fixture: each worker first resumes the
 * units its fixture left unfinished, then takes new units while the run has some left. A fixture whose device fails
 * or disappears does not stop the others; the lot's quota (CLAIM refused) stops every worker from starting more.
 */
public final class LotRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LotRunner.class);

    private final UnitWorkflow workflow;
    private final String lot;
    private final Clock clock;

    public LotRunner(UnitWorkflow workflow, String lot, Clock clock) {
        this.workflow = workflow;
        this.lot = lot;
        this.clock = clock;
    }

    /** Runs {@code count} units and returns when all are finished or the calling thread is interrupted. */
    public LotSummary run(List<Fixture> fixtures, int count, BenchLoader loader) throws ProvisioningException {
        if (fixtures.isEmpty() || count < 1) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "a run needs at least one fixture and one unit");
        }
        return run(fixtures, Map.of(), count, FixtureFeed.of(loader));
    }

    /**
     * Resumes the {@code unfinished} units (by fixture id) on their fixtures, then starts up to {@code newUnits}
     * units as the feed puts devices on the fixtures.
     */
    public LotSummary run(List<Fixture> fixtures, Map<String, List<UnitRecord>> unfinished, int newUnits,
                          FixtureFeed feed) throws ProvisioningException {
        if (fixtures.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "a run needs at least one fixture");
        }
        Instant started = clock.instant();
        AtomicInteger remaining = new AtomicInteger(Math.max(0, newUnits));
        List<UnitOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<ProvisioningException> benchFailures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            List<UnitRecord> mine = unfinished.getOrDefault(fixture.id(), List.of());
            Thread worker = new Thread(() -> work(fixture, mine, remaining, feed, outcomes, benchFailures),
                    "fixture-" + fixture.id());
            workers.add(worker);
            worker.start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "the run was interrupted");
        }
        if (outcomes.isEmpty() && !benchFailures.isEmpty()) {
            throw benchFailures.get(0);
        }
        return new LotSummary(lot, outcomes, Duration.between(started, clock.instant()));
    }

    private void work(Fixture fixture, List<UnitRecord> unfinished, AtomicInteger remaining, FixtureFeed feed,
                      List<UnitOutcome> outcomes, List<ProvisioningException> benchFailures) {
        for (UnitRecord unit : unfinished) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            outcomes.add(stopAtQuota(workflow.resume(fixture, unit), remaining));
        }
        int index = 0;
        while (!Thread.currentThread().isInterrupted() && remaining.getAndDecrement() > 0) {
            try {
                if (!feed.next(fixture, index++)) {
                    remaining.incrementAndGet();
                    return;
                }
            } catch (ProvisioningException e) {
                LOG.error("fixture {}: no device could be loaded: {}", fixture.id(), e.oneLine(), e);
                remaining.incrementAndGet();
                benchFailures.add(e);
                return;
            }
            outcomes.add(stopAtQuota(workflow.run(fixture), remaining));
        }
    }

    /** A unit refused at CLAIM because the lot is full or closed ends the run's new units on every fixture. */
    private static UnitOutcome stopAtQuota(UnitOutcome outcome, AtomicInteger remaining) {
        if (outcome.error() == ErrorCode.LOT_QUOTA_REACHED || outcome.error() == ErrorCode.LOT_CLOSED) {
            remaining.set(0);
        }
        return outcome;
    }
}
