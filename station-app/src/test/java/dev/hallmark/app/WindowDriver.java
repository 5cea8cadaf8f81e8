package dev.hallmark.app;

import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.cli.SceneKeys;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.ui.signin.StationShell;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;

/**
 * The station window as the lot-session ITs drive it on Monocle: a supervisor signs in with name and password, scans
 * are typed into the scan field as a barcode scanner types them, and the bench's fixture tiles are read back.
 */
final class WindowDriver {

    static final String LEAD = "lead";
    static final String LEAD_PASSWORD = "lead-password-123";

    private final SceneKeys keys = new SceneKeys(WindowDriver::scene);

    /** Starts the JavaFX toolkit on Monocle, headless. */
    static void headlessToolkit() throws Exception {
        System.setProperty("testfx.headless", "true");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        FxToolkit.registerPrimaryStage();
    }

    /** The station's access control with one person holding the supervisor and admin roles. */
    static StationAccess lead(DataDir dir, SecureRandom random, Clock clock) throws Exception {
        StationAccess access = StationAccess.embedded(dir, random, clock, l -> { });
        access.directory().create(new OperatorAccount(LEAD, Set.of(Role.SUPERVISOR, Role.ADMIN),
                access.hasher().hash(LEAD_PASSWORD.toCharArray()).encode(), 0, false, false, clock.instant(),
                clock.instant()));
        return access;
    }

    /** Signs the lead in on the shown window and waits for the bench's scan field. */
    void signIn() throws Exception {
        waitFor("the sign-in screen", () -> focused("signInName"));
        keys.type(LEAD + "\n" + LEAD_PASSWORD + "\n");
        waitFor("the bench with its scan field", () -> focused("scanField"));
    }

    /** Types a label into the scan field and Enter, and waits for the bench to say where it started. */
    void scan(String label) throws Exception {
        keys.type(label + "\n");
        waitFor("the scan " + label + " to start a unit", () -> labelText("#scanFeedback").startsWith(label
                + " started on fixture"));
    }

    /** The result line of every fixture tile, in display order (IDLE, RUNNING, PASS, FAIL). */
    static List<String> resultTexts() throws Exception {
        return FxThread.call(() -> scene() == null ? List.<String>of() : lookupAll(".fixture-tile").stream()
                .map(t -> ((Label) t.lookup(".result-text")).getText()).toList());
    }

    static String labelText(String selector) throws Exception {
        return FxThread.call(() -> {
            Node n = scene() == null ? null : scene().getRoot().lookup(selector);
            return n instanceof Label l && l.getText() != null ? l.getText() : "";
        });
    }

    /** Closes the station window's stages. */
    static void closeWindows() throws Exception {
        FxThread.call(() -> {
            List.copyOf(Window.getWindows()).stream().filter(w -> w.getScene() == scene()).forEach(Window::hide);
            return null;
        });
    }

    static Scene scene() {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.isShowing()
                && w.getScene().getRoot() instanceof StationShell).map(Window::getScene).findFirst().orElse(null);
    }

    private static boolean focused(String id) throws Exception {
        return FxThread.call(() -> scene() != null && scene().getFocusOwner() != null
                && id.equals(scene().getFocusOwner().getId()));
    }

    private static List<Node> lookupAll(String selector) {
        return List.copyOf(new LinkedHashSet<>(scene().getRoot().lookupAll(selector)));
    }

    /** Polls the condition until it holds, for at most three minutes. */
    static void waitFor(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the station window did not show " + what + " within 3 minutes");
    }

    /** A condition polled from the test thread. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
