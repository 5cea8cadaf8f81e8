package dev.hallmark.app.cli;

import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A one-line progress bar on the terminal (stderr), redrawn as units finish: done of total, failures, rate in units
 * per hour and the time left at that rate. Only drawn when stderr is a terminal.
 */
final class ProgressBar implements UnitListener {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final Clock clock;
    private final Instant started;
    private final int total;
    private int done;
    private int failed;

    ProgressBar(PrintStream err, Clock clock, int total) {
        this.err = err;
        this.clock = clock;
        this.started = clock.instant();
        this.total = Math.max(total, 1);
    }

    /** Whether the bar has a terminal to go to: stderr is a terminal (stdout may be a file of JSON lines). */
    static boolean wanted() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    @Override
    public synchronized void unitFinished(UnitOutcome outcome) {
        done++;
        if (!outcome.passed()) {
            failed++;
        }
        err.print("\r" + line(done, failed, total, Duration.between(started, clock.instant())));
        if (done >= total) {
            err.println();
        }
        err.flush();
    }

    /** The bar's text for {@code done} of {@code total} units after {@code elapsed}. */
    static String line(int done, int failed, int total, Duration elapsed) {
        int filled = (int) Math.min(WIDTH, (long) WIDTH * done / Math.max(total, 1));
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double perHour = done * 3600.0 / seconds;
        long left = done == 0 ? 0 : Math.round(seconds / done * Math.max(0, total - done));
        return String.format(Locale.ROOT, "[%s%s] %d/%d units, %d failed, %.0f units/h, ETA %d:%02d",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, failed, perHour, left / 60, left % 60);
    }
}
