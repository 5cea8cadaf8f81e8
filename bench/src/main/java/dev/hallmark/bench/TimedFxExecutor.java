package dev.hallmark.bench;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * {@code Platform::runLater} that also times each task on the FX thread: the longest is the worst the screens'
 * own code held the FX thread (pulse gaps add rendering and the machine's scheduling on top).
 */
final class TimedFxExecutor implements Executor {

    private final AtomicLong longest = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();

    @Override
    public void execute(Runnable task) {
        Platform.runLater(() -> {
            long started = System.nanoTime();
            try {
                task.run();
            } finally {
                long took = System.nanoTime() - started;
                longest.accumulateAndGet(took, Math::max);
                tasks.incrementAndGet();
            }
        });
    }

    /** Resets the figures (for a new phase). */
    void reset() {
        longest.set(0);
        tasks.set(0);
    }

    String line() {
        return String.format(java.util.Locale.ROOT, "fx_tasks=%d fx_task_max_ms=%.1f", tasks.get(), longest.get() / 1e6);
    }
}
