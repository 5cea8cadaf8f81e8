package dev.hallmark.engine.lot;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.conformity.ConformityEvidence;
import java.time.Duration;

/** The front door's listener preceded by the evidence recorder, so a unit's evidence is recorded before it is shown. */
record EvidenceFirst(ConformityEvidence evidence, UnitListener shown) implements UnitListener {

    @Override
    public void unitStarted(String fixtureId) {
        shown.unitStarted(fixtureId);
    }

    @Override
    public void stepStarted(String fixtureId, String serial, Step step) {
        shown.stepStarted(fixtureId, serial, step);
    }

    @Override
    public void stepWaiting(String fixtureId, String serial, Step step, String reason, Duration retryIn) {
        shown.stepWaiting(fixtureId, serial, step, reason, retryIn);
    }

    @Override
    public void unitFinished(UnitOutcome outcome) {
        evidence.unitFinished(outcome);
        shown.unitFinished(outcome);
    }
}
