package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.StepStatus;

/**
 * A point on either side of every journal write (and where an answer is not yet recorded) where a test may stop the station dead, to prove the unit
 * resumes from there (docs/decisions/0007). The station's own hook does nothing unless told to.
 */
@FunctionalInterface
public interface CrashHook {

    /**
     * Which side of the journal write; ANSWERED (with status DONE) is the moment the outside world has answered the
     * step's request and nothing of the answer is recorded yet (ISSUE: the CA signed, the station has not recorded).
     */
    enum Side {
        BEFORE, AFTER, ANSWERED
    }

    /** Called on the worker's thread just before and just after the journal records {@code status} of {@code step}. */
    void at(Step step, StepStatus status, Side side);

    /** The hook of a station in production: nothing happens. */
    CrashHook NONE = (step, status, side) -> {
    };
}
