package dev.hallmark.engine.api;

/** Progress of units on fixtures, for the operator screen and the CLI; called on the worker's thread. */
public interface UnitListener {

    default void unitStarted(String fixtureId) {
    }

    default void stepStarted(String fixtureId, String serial, Step step) {
    }

    default void unitFinished(UnitOutcome outcome) {
    }

    /** A listener that ignores everything. */
    static UnitListener none() {
        return new UnitListener() {
        };
    }
}
