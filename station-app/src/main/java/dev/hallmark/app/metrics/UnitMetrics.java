package dev.hallmark.app.metrics;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Units and steps as metrics: {@code hallmark_units_total{result,failed_step}}, {@code
 * hallmark_step_duration_seconds{step}} (a histogram), {@code hallmark_fixtures_busy} and {@code
 * hallmark_step_waits_total{step}}. A listener of the lot, called on the fixtures' worker threads.
 */
public final class UnitMetrics implements UnitListener {

    private final MeterRegistry registry;
    private final AtomicInteger busy = new AtomicInteger();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** The step a fixture is in and since when (System.nanoTime). */
    private record Running(Step step, long since) {
    }

    UnitMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("hallmark.fixtures.busy", busy);
    }

    @Override
    public void unitStarted(String fixtureId) {
        busy.incrementAndGet();
    }

    @Override
    public void stepStarted(String fixtureId, String serial, Step step) {
        Running before = running.put(fixtureId, new Running(step, System.nanoTime()));
        stepEnded(before);
    }

    @Override
    public void stepWaiting(String fixtureId, String serial, Step step, String reason, Duration retryIn) {
        Counter.builder("hallmark.step.waits").description("steps that waited for a part to come back (e.g. the CA)")
                .tag("step", step.name()).register(registry).increment();
    }

    @Override
    public void unitFinished(UnitOutcome outcome) {
        stepEnded(running.remove(outcome.fixtureId()));
        busy.updateAndGet(n -> Math.max(0, n - 1));
        Counter.builder("hallmark.units").description("units finished, by result and failed step")
                .tag("result", outcome.result().name())
                .tag("failed_step", outcome.failedStep() == null ? "" : outcome.failedStep().name())
                .register(registry).increment();
    }

    private void stepEnded(Running step) {
        if (step == null) {
            return;
        }
        Timer.builder("hallmark.step.duration").description("how long each step of a unit took")
                .tag("step", step.step().name()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry).record(System.nanoTime() - step.since(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
