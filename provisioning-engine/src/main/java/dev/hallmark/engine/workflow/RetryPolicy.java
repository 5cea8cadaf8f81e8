package dev.hallmark.engine.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a unit waits for a part that cannot be reached (a remote CA) before it fails: exponential
 * back-off from {@code firstWait} up to {@code maxWait}, giving up once {@code giveUpAfter} has passed.
 * Only failures that prove the request never reached the part are waited on, so nothing is issued twice.
 */
public record RetryPolicy(Duration firstWait, Duration maxWait, Duration giveUpAfter, Sleeper sleeper) {

    public RetryPolicy {
        Objects.requireNonNull(firstWait, "firstWait");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        Objects.requireNonNull(sleeper, "sleeper");
        if (firstWait.isNegative() || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("waits must grow from firstWait to maxWait");
        }
    }

    /** 1 s doubling to 30 s, for up to 10 minutes. */
    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10), Sleeper.REAL);
    }

    /** Fail at once. */
    public static RetryPolicy never() {
        return new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO, Sleeper.REAL);
    }

    Duration after(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(maxWait) > 0 ? maxWait : doubled;
    }

    /** Waits for a duration; tests pass one that moves their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
