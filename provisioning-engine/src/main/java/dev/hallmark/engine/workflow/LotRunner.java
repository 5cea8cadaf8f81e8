package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a number of units over a set of fixtures, one worker thread per fixture; a fixture whose
 * device fails does not stop the others.
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
        Instant started = clock.instant();
        AtomicInteger remaining = new AtomicInteger(count);
        List<UnitOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<ProvisioningException> benchFailures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            Thread worker = new Thread(() -> work(fixture, remaining, loader, outcomes, benchFailures),
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

    private void work(Fixture fixture, AtomicInteger remaining, BenchLoader loader, List<UnitOutcome> outcomes,
                      List<ProvisioningException> benchFailures) {
        int index = 0;
        while (!Thread.currentThread().isInterrupted() && remaining.getAndDecrement() > 0) {
            try {
                loader.load(fixture, index++);
            } catch (ProvisioningException e) {
                LOG.error("fixture {}: no device could be loaded: {}", fixture.id(), e.oneLine(), e);
                benchFailures.add(e);
                return;
            }
            outcomes.add(workflow.run(fixture));
        }
    }
}
