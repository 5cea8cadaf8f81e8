package dev.hallmark.ui;

import dev.hallmark.ui.bench.BenchView;
import dev.hallmark.ui.bench.BenchViewModel;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's window, opened from plain {@code main} code on the class path: starts the JavaFX toolkit when needed,
 * shows the bench screen (or every station screen in tabs) and lets the caller's thread wait until the operator closes it.
 */
public final class StationWindow {

    private static final Logger LOG = LoggerFactory.getLogger(StationWindow.class);
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 720;
    private static final Object LOCK = new Object();
    /** Guarded by LOCK. */
    private static int openWindows;
    /** Guarded by LOCK: whether this class started the toolkit (and so it stops when the last window closes). */
    private static boolean startedHere;
    /** Guarded by LOCK. */
    private static boolean toolkitStopped;

    private StationWindow() {
    }

    /** Whether a window can be shown: an X11 or Wayland display, or the Monocle platform (headless tests). */
    public static boolean displayAvailable() {
        return isSet(System.getenv("DISPLAY")) || isSet(System.getenv("WAYLAND_DISPLAY"))
                || "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
    }

    /**
     * Opens a window with the bench screen and returns without waiting for it; starts the toolkit first if nobody has.
     * {@code onClose} runs on the FX thread when the window is closed and must return quickly.
     * When this class started the toolkit, it stops after the last window closes and no further window can be shown.
     *
     * @throws IllegalStateException if the toolkit has already stopped
     * @throws RuntimeException      as the toolkit throws it when it cannot start (for example, no display)
     */
    public static void show(BenchViewModel model, String title, Runnable onClose) {
        Objects.requireNonNull(model, "model");
        show(() -> new BenchView(model), title, onClose);
    }

    /**
     * Opens a window with one tab per screen (bench, lot dashboard, auditor, admin), as {@link #show(BenchViewModel,
     * String, Runnable)} does for the bench alone.
     */
    public static void show(StationScreens screens, String title, Runnable onClose) {
        Objects.requireNonNull(screens, "screens");
        show(() -> new StationView(screens), title, onClose);
    }

    /**
     * Opens a window with any content built on the FX thread (the signed-in station shell, for one), as
     * {@link #show(BenchViewModel, String, Runnable)} does for the bench alone.
     */
    public static void show(Supplier<Parent> content, String title, Runnable onClose) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(onClose, "onClose");
        boolean mayStart;
        synchronized (LOCK) {
            if (toolkitStopped) {
                throw new IllegalStateException("the JavaFX toolkit stopped when the last station window closed");
            }
            mayStart = !startedHere;
            openWindows++;
        }
        Runnable open = () -> openStage(content, title, onClose);
        try {
            if (!mayStart || !startToolkit(open)) {
                Platform.runLater(open);
            }
        } catch (RuntimeException e) {
            windowGone();
            throw e;
        }
    }

    /** Blocks the calling thread (never the FX thread) until every window shown here is closed. */
    public static void awaitClosed() throws InterruptedException {
        requireNotFxThread();
        synchronized (LOCK) {
            while (openWindows > 0) {
                LOCK.wait();
            }
        }
    }

    /** Like {@link #awaitClosed()} with a limit; returns whether every window was closed in time. */
    public static boolean awaitClosed(Duration timeout) throws InterruptedException {
        requireNotFxThread();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (LOCK) {
            while (openWindows > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LOCK.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private static void openStage(Supplier<Parent> content, String title, Runnable onClose) {
        Stage stage = new Stage();
        try {
            stage.setTitle(title);
            stage.setScene(new Scene(content.get(), WIDTH, HEIGHT));
            stage.setMinWidth(640);
            stage.setMinHeight(480);
            stage.setOnHidden(e -> closed(onClose));
            stage.show();
        } catch (RuntimeException e) {
            // Handled here: the caller waiting in awaitClosed() must not wait for a window that never opened.
            LOG.error("Cannot open the station window '{}'", title, e);
            closed(onClose);
        }
    }

    private static void closed(Runnable onClose) {
        try {
            onClose.run();
        } finally {
            windowGone();
        }
    }

    private static void windowGone() {
        synchronized (LOCK) {
            openWindows--;
            if (openWindows == 0 && startedHere && Platform.isImplicitExit()) {
                toolkitStopped = true;
            }
            LOCK.notifyAll();
        }
    }

    /** Starts the toolkit with {@code first} as its first task; false if someone else (a test harness) started it. */
    private static boolean startToolkit(Runnable first) {
        try {
            Platform.startup(first);
        } catch (IllegalStateException alreadyStarted) {
            LOG.debug("JavaFX toolkit already running: {}", alreadyStarted.getMessage());
            return false;
        }
        synchronized (LOCK) {
            startedHere = true;
        }
        LOG.debug("JavaFX toolkit started");
        return true;
    }

    private static void requireNotFxThread() {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("awaitClosed would block the FX thread");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
