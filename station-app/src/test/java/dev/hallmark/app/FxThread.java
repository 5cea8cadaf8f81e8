package dev.hallmark.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs a piece of a window test on the FX thread and waits (at most {@link #LIMIT_SECONDS} s) for its result or its exception. */
public final class FxThread {

    /** How long one call may wait for the FX thread before the test fails: generous, it ends as soon as the call does. */
    static final long LIMIT_SECONDS = 120;

    private FxThread() {
    }

    /** The action's result, computed on the FX thread. */
    public static <T> T call(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        // a limit, not a delay: on two cores shared with a CPU hog the FX thread may be busy for seconds
        return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }
}
