package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group commit for a durability point: callers that ask for a flush while one is under way wait for the next,
 * which covers all of them, so concurrent units share one fsync (leader and followers). A flush covers a caller
 * when it started after the caller asked, because everything the caller wrote was written before it asked.
 */
public final class GroupFlush {

    /** The flush itself: an fsync or whatever makes the writes so far durable. */
    @FunctionalInterface
    public interface Flush {
        void run() throws ProvisioningException;
    }

    private final Flush flush;
    private final LongAdder flushes = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder flushNanos = new LongAdder();
    private long asked;
    private long covered;
    private boolean flushing;

    public GroupFlush(Flush flush) {
        this.flush = java.util.Objects.requireNonNull(flush, "flush");
    }

    /** Returns once a flush that started after this call has finished; the leader's failure is thrown to it only. */
    public void flush() throws ProvisioningException {
        requests.increment();
        long ticket;
        long upTo;
        synchronized (this) {
            ticket = ++asked;
            while (true) {
                if (covered >= ticket) {
                    return;
                }
                if (!flushing) {
                    flushing = true;
                    upTo = asked;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProvisioningException(dev.hallmark.engine.api.ErrorCode.INTERRUPTED,
                            "the station was interrupted while waiting for a durability point", null, e);
                }
            }
        }
        boolean done = false;
        long start = System.nanoTime();
        try {
            flush.run();
            done = true;
        } finally {
            flushNanos.add(System.nanoTime() - start);
            flushes.increment();
            synchronized (this) {
                flushing = false;
                if (done) {
                    covered = Math.max(covered, upTo);
                }
                notifyAll();
            }
        }
    }

    /** Flushes done so far (each one fsync or its equivalent). */
    public long flushes() {
        return flushes.sum();
    }

    /** Flushes asked for so far: the difference to {@link #flushes()} is what group commit saved. */
    public long requests() {
        return requests.sum();
    }

    /** Time spent in flushes so far, in nanoseconds. */
    public long flushNanos() {
        return flushNanos.sum();
    }
}
