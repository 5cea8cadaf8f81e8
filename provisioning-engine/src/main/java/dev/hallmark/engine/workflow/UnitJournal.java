package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each step of one unit between two journal entries, STARTED and DONE (with its detail), or FAILED with the
 * one-line cause. The entries reach the disk at durability points only (docs/decisions/0020): before a request
 * leaves the station that cannot be taken back ({@link #outward}: a CSR to the CA, an identity to the device, a
 * lock), and when the unit is sealed or fails. Entries of steps with no effect outside the station wait for the
 * next point and are written with it in one write; a stop loses them, and resume repeats those steps.
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
    private final List<StepEvent> pending = new ArrayList<>();
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

    /** A step with no effect outside the station: its entries are written with the next durability point. */
    void step(Step step, StepWork work) throws ProvisioningException {
        current = step;
        UnitLogContext.step(step);
        listener.stepStarted(fixtureId, serial, step);
        record(new StepEvent(step, StepStatus.STARTED, clock.instant(), null), false);
        String detail = work.run();
        record(new StepEvent(step, StepStatus.DONE, clock.instant(), detail), false);
    }

    /**
     * A step whose request cannot be taken back once it leaves: its STARTED entry, naming the {@code intent}, is on
     * disk with everything before it before the work starts; its DONE entry goes with the next durability point,
     * which comes before any further request leaves and before the unit is reported.
     */
    void outward(Step step, String intent, StepWork work) throws ProvisioningException {
        current = step;
        listener.stepStarted(fixtureId, serial, step);
        record(new StepEvent(step, StepStatus.STARTED, clock.instant(), intent), true);
        String detail = work.run();
        record(new StepEvent(step, StepStatus.DONE, clock.instant(), detail), false);
    }

    /** The final step: its entries, and everything still waiting, are on disk before the unit is reported. */
    void last(Step step, StepWork work) throws ProvisioningException {
        current = step;
        listener.stepStarted(fixtureId, serial, step);
        record(new StepEvent(step, StepStatus.STARTED, clock.instant(), null), false);
        String detail = work.run();
        record(new StepEvent(step, StepStatus.DONE, clock.instant(), detail), true);
    }

    /** Records a step that needed no work this time (found done at resume), with the reason. */
    void skipped(Step step, String detail) throws ProvisioningException {
        current = step;
        UnitLogContext.step(step);
        listener.stepStarted(fixtureId, serial, step);
        record(new StepEvent(step, StepStatus.STARTED, clock.instant(), null), false);
        record(new StepEvent(step, StepStatus.DONE, clock.instant(), detail), false);
    }

    /** The outside world answered the current step's request and nothing of the answer is recorded yet. */
    void answered() {
        crash.at(current, StepStatus.DONE, CrashHook.Side.ANSWERED);
    }

    private void record(StepEvent event, boolean durable) throws ProvisioningException {
        crash.at(event.step(), event.status(), CrashHook.Side.BEFORE);
        pending.add(event);
        if (durable) {
            durabilityPoint();
        }
        crash.at(event.step(), event.status(), CrashHook.Side.AFTER);
    }

    /** Writes the waiting entries in one write and returns once they, and every earlier write, are on disk. */
    private void durabilityPoint() throws ProvisioningException {
        if (!pending.isEmpty()) {
            store.recordSteps(unitId, List.copyOf(pending));
            pending.clear();
        }
        store.sync();
    }

    /**
     * Records the failure of the current step, with the entries still waiting, and makes them durable; the store's
     * own failure is returned to the caller to log.
     */
    void failed(String cause) throws ProvisioningException {
        pending.add(new StepEvent(current, StepStatus.FAILED, clock.instant(), cause));
        try {
            store.recordSteps(unitId, List.copyOf(pending));
        } finally {
            pending.clear();
        }
    }

    /** A durability point after the unit's seal was written outside the journal (a failed unit). */
    void sync() throws ProvisioningException {
        store.sync();
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
