package dev.hallmark.ca.cmp;

import java.time.Duration;

/** Waits between polls; tests pass one that does not sleep. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
