package dev.hallmark.bench;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is kept from its pulses: an {@link AnimationTimer} records the gap between
 * consecutive pulses (about 16.7 ms when the thread is free); a gap well above that is a pause the operator sees.
 */
final class FxPauseMonitor {

    private final long[] gaps = new long[1 << 20];
    private int count;
    private long last;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (last != 0 && count < gaps.length) {
                gaps[count++] = now - last;
            }
            last = now;
        }
    };

    /** Starts recording (from any thread); returns once the timer runs. */
    void start() throws Exception {
        onFx(() -> {
            count = 0;
            last = 0;
            timer.start();
        });
    }

    /** Stops recording and returns the figures of the gaps seen since {@link #start()}. */
    Figures stop() throws Exception {
        CompletableFuture<Figures> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            timer.stop();
            long[] seen = Arrays.copyOf(gaps, count);
            Arrays.sort(seen);
            long over = Arrays.stream(seen).filter(g -> g > TimeUnit.MILLISECONDS.toNanos(50)).count();
            result.complete(new Figures(seen.length, ms(seen, 1.0), ms(seen, 0.99), ms(seen, 0.5), over));
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(60, TimeUnit.SECONDS);
    }

    /** Pulse gaps: how many, the longest, the 99th percentile and the median (ms), and how many exceeded 50 ms. */
    record Figures(int pulses, double maxMs, double p99Ms, double p50Ms, long over50ms) {
        String line() {
            return String.format(java.util.Locale.ROOT, "fx_pulses=%d fx_max_gap_ms=%.1f fx_p99_gap_ms=%.1f"
                    + " fx_p50_gap_ms=%.1f fx_gaps_over_50ms=%d", pulses, maxMs, p99Ms, p50Ms, over50ms);
        }
    }
}
