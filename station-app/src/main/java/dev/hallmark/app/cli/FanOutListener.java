package dev.hallmark.app.cli;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import java.util.List;

/** Hands each progress event to several listeners, in order (a live list: one added later hears later events). */
final class FanOutListener implements UnitListener {

    private final List<UnitListener> listeners;

    FanOutListener(List<UnitListener> listeners) {
        this.listeners = listeners instanceof java.util.concurrent.CopyOnWriteArrayList<UnitListener> live ? live
                : List.copyOf(listeners);
    }

    @Override
    public void unitStarted(String fixtureId) {
        listeners.forEach(l -> l.unitStarted(fixtureId));
    }

    @Override
    public void stepStarted(String fixtureId, String serial, Step step) {
        listeners.forEach(l -> l.stepStarted(fixtureId, serial, step));
    }

    @Override
    public void stepWaiting(String fixtureId, String serial, Step step, String reason, java.time.Duration retryIn) {
        listeners.forEach(l -> l.stepWaiting(fixtureId, serial, step, reason, retryIn));
    }

    @Override
    public void unitFinished(UnitOutcome outcome) {
        listeners.forEach(l -> l.unitFinished(outcome));
    }
}
