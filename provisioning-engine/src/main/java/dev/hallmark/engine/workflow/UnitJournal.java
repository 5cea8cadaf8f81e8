package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import java.time.Clock;

/**
 * Runs each step of one unit between two journal entries: STARTED before the step does anything, DONE
 * (with its detail) before the step is reported finished, FAILED with the one-line cause otherwise.
 */
final class UnitJournal {

    /** A step's work; returns the detail the auditor reads. */
    @FunctionalInterface
    interface StepWork {
        String run() throws ProvisioningException;
    }

    private final AuditStore store;
    private final UnitListener listener;
    private final Clock clock;
    private final long unitId;
    private final String fixtureId;
    private String serial;
    private Step current;

    UnitJournal(AuditStore store, UnitListener listener, Clock clock, long unitId, String fixtureId) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.unitId = unitId;
        this.fixtureId = fixtureId;
    }

    void step(Step step, StepWork work) throws ProvisioningException {
        current = step;
        listener.stepStarted(fixtureId, serial, step);
        store.recordStep(unitId, new StepEvent(step, StepStatus.STARTED, clock.instant(), null));
        String detail = work.run();
        store.recordStep(unitId, new StepEvent(step, StepStatus.DONE, clock.instant(), detail));
    }

    /** Records the failure of the current step; the store's own failure is returned to the caller to log. */
    void failed(String cause) throws ProvisioningException {
        store.recordStep(unitId, new StepEvent(current, StepStatus.FAILED, clock.instant(), cause));
    }

    void serial(String serial) {
        this.serial = serial;
    }

    String serial() {
        return serial;
    }

    Step current() {
        return current;
    }

    long unitId() {
        return unitId;
    }
}
