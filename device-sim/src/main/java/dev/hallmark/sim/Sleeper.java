package dev.hallmark.sim;

import java.util.concurrent.locks.LockSupport;

/** Where simulated time passes; tests pass a recording one instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    /**
     * Sleeps on the calling thread until the deadline, to the tens of microseconds (Thread.sleep would round
     * every sub-millisecond wire time up to a whole millisecond).
     */
    Sleeper REAL = nanos -> {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("the simulated device's pause was interrupted");
            }
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
