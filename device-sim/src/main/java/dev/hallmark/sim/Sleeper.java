package dev.hallmark.sim;

import java.util.concurrent.TimeUnit;

/** Where simulated time passes; tests pass a recording one instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper REAL = nanos -> {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    void sleep(long nanos) throws InterruptedException;

    /** Sleeps; an interrupt switches the simulated device off. */
    default void pause(long nanos) throws LineClosedException {
        if (nanos <= 0) {
            return;
        }
        try {
            sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LineClosedException("the simulated device was interrupted");
        }
    }
}
