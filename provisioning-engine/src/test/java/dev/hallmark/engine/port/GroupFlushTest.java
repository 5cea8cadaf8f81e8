package dev.hallmark.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit: callers that ask while a flush runs share the next one; none returns before a flush covers it. */
class GroupFlushTest {

    @Test
    void callersArrivingDuringAFlushShareTheNextOne() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupFlush flush = new GroupFlush(() -> {
            if (runs.incrementAndGet() == 1) {
                firstRunning.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> leader = pool.submit(() -> call(flush));
            assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> followers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                followers.add(pool.submit(() -> call(flush)));
            }
            long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (flush.requests() < 4 && System.nanoTime() < limit) {
                Thread.onSpinWait();
            }
            assertThat(flush.requests()).isEqualTo(4);
            assertThat(followers).noneMatch(Future::isDone);

            release.countDown();
            leader.get(30, TimeUnit.SECONDS);
            for (Future<?> f : followers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // the first flush began before the followers asked, so it cannot cover them; one more covers all three
        assertThat(runs.get()).isEqualTo(2);
        assertThat(flush.flushes()).isEqualTo(2);
    }

    @Test
    void aFailedFlushFailsItsLeaderAndTheNextCallerFlushesAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        GroupFlush flush = new GroupFlush(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "disk full");
            }
        });

        assertThatThrownBy(flush::flush).isInstanceOf(ProvisioningException.class).hasMessageContaining("disk full");
        flush.flush();

        assertThat(runs.get()).isEqualTo(2);
    }

    private static Void call(GroupFlush flush) throws ProvisioningException {
        flush.flush();
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
