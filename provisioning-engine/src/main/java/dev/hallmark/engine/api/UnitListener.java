package dev.hallmark.engine.api;

/** Progress of units on fixtures, for the operator screen and the CLI; called on the worker's thread. */
public interface UnitListener {

    default void unitStarted(String fixtureId) {
    }

    default void stepStarted(String fixtureId, String serial, Step step) {
    }

    /** A step waits for a part to come back (e.g. the CA is unreachable) and will retry after {@code retryIn}. */
    default void stepWaiting(String fixtureId, String serial, Step step, String reason, java.time.Duration retryIn) {
    }

    default void unitFinished(UnitOutcome outcome) {
    }

    /** A listener that ignores everything. */
    static UnitListener none() {
        return new UnitListener() {
        };
    }
}
