package dev.hallmark.ui;

import dev.hallmark.engine.api.ProvisioningException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs slow work (database, HSM, CA, serial port) on a worker executor and hands its result or its error to the
 * FX executor, so a ViewModel never blocks the FX thread. Tests pass direct executors.
 */
public final class Background {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final Executor worker;
    private final Executor fx;

    public Background(Executor worker, Executor fx) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Work that may fail with a {@link ProvisioningException}. */
    @FunctionalInterface
    public interface Task<T> {
        T call() throws ProvisioningException;
    }

    /** Runs {@code task} on the worker; {@code done} or {@code failed} then runs on the FX executor. */
    public <T> void run(String what, Task<T> task, Consumer<T> done, Consumer<String> failed) {
        try {
            worker.execute(() -> {
                T result;
                try {
                    result = task.call();
                } catch (ProvisioningException e) {
                    LOG.warn("could not {}: {}", what, e.oneLine(), e);
                    publish(() -> failed.accept(e.oneLine()));
                    return;
                } catch (RuntimeException e) {
                    LOG.error("could not {}", what, e);
                    publish(() -> failed.accept("could not " + what + ": " + e.getMessage()));
                    return;
                }
                publish(() -> done.accept(result));
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("could not {}: the screen's worker has stopped", what);
        }
    }

    /** Runs {@code update} on the FX executor; dropped (logged) once the toolkit has stopped. */
    public void publish(Runnable update) {
        try {
            fx.execute(update);
        } catch (RejectedExecutionException | IllegalStateException e) {
            LOG.debug("screen update dropped: {}", e.toString());
        }
    }
}
