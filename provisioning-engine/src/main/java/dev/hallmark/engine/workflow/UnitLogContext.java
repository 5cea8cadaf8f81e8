package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.Step;
import org.slf4j.MDC;

/**
 * The unit a worker thread is working on, in SLF4J's MDC, so that every log line of a unit's work (the engine's and
 * the adapters' on the same thread) names its lot, fixture, serial, unit and step. Opened when a unit starts on a
 * fixture and closed when it ends; nothing secret is ever put here.
 */
final class UnitLogContext implements AutoCloseable {

    /** The MDC keys, as a log format or a JSON line names them. */
    static final String LOT = "lot";
    static final String FIXTURE = "fixture";
    static final String SERIAL = "serial";
    static final String UNIT = "unit";
    static final String STEP = "step";

    private UnitLogContext(String lot, String fixture) {
        MDC.put(LOT, lot);
        MDC.put(FIXTURE, fixture);
    }

    /** Names the lot and the fixture on this thread's log lines until closed. */
    static UnitLogContext open(String lot, String fixture) {
        return new UnitLogContext(lot, fixture);
    }

    static void unit(long unitId) {
        MDC.put(UNIT, Long.toString(unitId));
    }

    static void serial(String serial) {
        if (serial != null) {
            MDC.put(SERIAL, serial);
        }
    }

    static void step(Step step) {
        MDC.put(STEP, step.name());
    }

    @Override
    public void close() {
        MDC.remove(LOT);
        MDC.remove(FIXTURE);
        MDC.remove(SERIAL);
        MDC.remove(UNIT);
        MDC.remove(STEP);
    }
}
