package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.StepStatus;

/**
 * A point on either side of every journal write where a test may stop the station dead, to prove the unit
 * resumes from there (docs/decisions/0007). The station's own hook does nothing unless told to.
 */
@FunctionalInterface
public interface CrashHook {

    /** Which side of the journal write. */
    enum Side {
        BEFORE, AFTER
    }

    /** Called on the worker's thread just before and just after the journal records {@code status} of {@code step}. */
    void at(Step step, StepStatus status, Side side);

    /** The hook of a station in production: nothing happens. */
    CrashHook NONE = (step, status, side) -> {
    };
}
