package dev.hallmark.app.window;

import dev.hallmark.app.FxThread;
import dev.hallmark.ui.signin.StationShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Drives the signed-in station window from a test thread: finds its scene, types and presses keys at the focus
 * owner through the whole event chain (as a keyboard does), reads labels and tabs on the FX thread, waits for a
 * condition (a limit, not a measure) and saves PNGs into docs/screenshots.
 */
final class ShellProbe {

    Scene scene() {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.isShowing()
                && w.getScene().getRoot() instanceof StationShell).map(Window::getScene).findFirst().orElse(null);
    }

    StationShell shell() {
        return (StationShell) scene().getRoot();
    }

    void type(String text) throws Exception {
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                press(KeyCode.ENTER);
                continue;
            }
            String s = String.valueOf(c);
            KeyCode code = KeyCode.getKeyCode(s.toUpperCase());
            KeyCode k = code == null ? KeyCode.UNDEFINED : code;
            boolean shift = Character.isUpperCase(c);
            run(() -> {
                Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", k, shift, false, false, false));
                Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_TYPED, s, "", KeyCode.UNDEFINED, shift, false,
                        false, false));
                Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_RELEASED, "", "", k, shift, false, false, false));
            });
        }
    }

    void press(KeyCode code) throws Exception {
        run(() -> {
            Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
            Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, false, false, false, false));
        });
    }

    private Node target() {
        Node owner = scene().getFocusOwner();
        return owner != null ? owner : scene().getRoot();
    }

    String focusId() throws Exception {
        return onFx(() -> scene() == null || scene().getFocusOwner() == null ? "" : String.valueOf(scene().getFocusOwner().getId()));
    }

    String label(String selector) throws Exception {
        return onFx(() -> {
            Node n = scene() == null ? null : scene().getRoot().lookup(selector);
            return n instanceof Label l && l.getText() != null && l.isVisible() ? l.getText() : "";
        });
    }

    boolean shows(String selector) throws Exception {
        return onFx(() -> {
            Node n = scene() == null ? null : scene().getRoot().lookup(selector);
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return n != null && n.getScene() != null;
        });
    }

    /** The ids of the enabled tabs, and the selected tab's id last. */
    List<String> enabledTabs() throws Exception {
        return onFx(() -> shell().stationView().getTabs().stream().filter(t -> !t.isDisable()).map(Tab::getId).toList());
    }

    String selectedTab() throws Exception {
        return onFx(() -> shell().stationView().getSelectionModel().getSelectedItem().getId());
    }

    void waitFor(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (scene() != null && check.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the station window did not show " + what + " within 90 s; focus on '"
                + (scene() == null ? "no window" : focusId()) + "', header '" + label("#sessionLabel") + "', errors '"
                + label("#signInError") + "' '" + label("#lotStartError") + "'");
    }

    void save(String fileName) throws Exception {
        Path shots = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
        Files.createDirectories(shots);
        var image = onFx(() -> scene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", shots.resolve(fileName).toFile());
    }

    void close() throws Exception {
        run(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w.getScene() == scene()).forEach(Window::hide));
    }

    void run(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    static <T> T onFx(Supplier<T> action) throws Exception {
        return FxThread.call(action);
    }

    /** A condition polled from the test thread. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
