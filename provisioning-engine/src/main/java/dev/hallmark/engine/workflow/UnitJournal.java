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
    private final CrashHook crash;
    private String serial;
    private Step current;

    UnitJournal(AuditStore store, UnitListener listener, Clock clock, long unitId, String fixtureId, CrashHook crash) {
        this.crash = crash;
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.unitId = unitId;
        this.fixtureId = fixtureId;
    }

    void step(Step step, StepWork work) throws ProvisioningException {
        current = step;
        UnitLogContext.step(step);
        listener.stepStarted(fixtureId, serial, step);
        record(new StepEvent(step, StepStatus.STARTED, clock.instant(), null));
        String detail = work.run();
        record(new StepEvent(step, StepStatus.DONE, clock.instant(), detail));
    }

    /** Records a step that needed no work this time (found done at resume), with the reason. */
    void skipped(Step step, String detail) throws ProvisioningException {
        current = step;
        UnitLogContext.step(step);
        listener.stepStarted(fixtureId, serial, step);
        record(new StepEvent(step, StepStatus.STARTED, clock.instant(), null));
        record(new StepEvent(step, StepStatus.DONE, clock.instant(), detail));
    }

    private void record(StepEvent event) throws ProvisioningException {
        crash.at(event.step(), event.status(), CrashHook.Side.BEFORE);
        store.recordStep(unitId, event);
        crash.at(event.step(), event.status(), CrashHook.Side.AFTER);
    }

    /** Records the failure of the current step; the store's own failure is returned to the caller to log. */
    void failed(String cause) throws ProvisioningException {
        store.recordStep(unitId, new StepEvent(current, StepStatus.FAILED, clock.instant(), cause));
    }

    void serial(String serial) {
        this.serial = serial;
        UnitLogContext.serial(serial);
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
