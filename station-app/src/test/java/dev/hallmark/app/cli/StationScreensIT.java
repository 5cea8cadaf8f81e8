package dev.hallmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.FxThread;
import dev.hallmark.app.HallmarkProcess;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import dev.hallmark.ui.StationWindow;
import dev.hallmark.ui.signin.StationShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The station window against the real engine on the embedded default (SoftHSM2 token, embedded CA, H2,
 * simulated STM32F4 boards on pseudo-terminals), driven through key events on Monocle: two scans start two
 * units, one passes and one fails on a board whose port was closed; the dashboard, the auditor (search, open,
 * verify the chain, export) and the admin connection tests then read the same station, all as one person who
 * signed in with the supervisor and admin roles. Saves a PNG per screen.
 */
class StationScreensIT {

    private static final String LOT = "SCAN-IT";
    private static final String LEAD_PASSWORD = "lead-password-123";
    private final SceneKeys keys = new SceneKeys(StationScreensIT::scene);

    @BeforeAll
    static void headlessToolkit() throws Exception {
        System.setProperty("testfx.headless", "true");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopToolkit() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void scansRunUnitsThatTheDashboardTheAuditorAndTheAdminScreenThenShow() throws Exception {
        Path root = HallmarkProcess.freshDir("in-process");
        DataDir dir = new DataDir(root);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, l -> { });
             SimBench sims = SimBench.start(Stm32Family.F4, 2, SimulatedVendor.transportKek(dir, station.hsm(), random,
                     l -> { }), random, SimTiming.NONE);
             DemoBench bench = DemoBench.of(sims);
             StationUi ui = new StationUi(station, bench, DemoProfile.STM32F4, LOT, "it-station",
                     SoftHsmToken.defaultModule(), Platform::runLater, clock, UnitListener.none(),
                     lead(dir, random, clock), null)) {
            StationWindow.show(() -> ui.signedInWindow("Station it-station, lot " + LOT), "Hallmark station - IT", () -> { });
            waitFor("the sign-in screen", () -> scene() != null && scene().getFocusOwner() != null
                    && "signInName".equals(scene().getFocusOwner().getId()));
            keys.type("lead\n" + LEAD_PASSWORD + "\n");
            waitFor("the bench with its scan field", () -> scene() != null && scene().getFocusOwner() != null
                    && "scanField".equals(scene().getFocusOwner().getId()));

            // The fault: the second fixture's board is gone (its pseudo-terminal closed) before its unit starts.
            sims.device(1).close();
            keys.type("BOARD-0001\n");
            waitFor("the first scan on F1", () -> labelText("#scanFeedback").equals("BOARD-0001 started on fixture F1"));
            keys.type("BOARD-0002\n");
            waitFor("both units to finish", () -> resultTexts().stream().noneMatch(t -> t.equals("RUNNING")
                    || t.equals("IDLE")));

            save("station-bench.png");
            assertThat(resultTexts()).containsExactly("PASS", "FAIL");
            String cause = onFx(() -> ((Label) lookup(".result-fail .result-detail")).getText());
            assertThat(cause).startsWith("HM-301 device: ").endsWith(" - " + dev.hallmark.engine.api.ErrorCode.DEVICE_NOT_RESPONDING.remedy());
            assertThat(labelText("#passedLabel")).isEqualTo("1");
            assertThat(labelText("#failedLabel")).isEqualTo("1");
            assertThat(labelText("#yieldLabel")).isEqualTo("50.0%");

            keys.press(KeyCode.F2);
            waitFor("the lot dashboard", () -> labelText("#lotHeader").startsWith("Lot " + LOT));
            assertThat(labelText("#lotHeader")).isEqualTo("Lot " + LOT + " (demo-stm32f4): 2 units, 1 passed, 1 failed, yield 50.0%");
            save("lot-dashboard.png");

            keys.press(KeyCode.F3);
            keys.focus("#lotField");
            keys.type(LOT + "\n");
            waitFor("the search result", () -> labelText("#resultCountLabel").equals("2 units"));
            waitFor("the first row", () -> firstRowSerial() != null);
            save("auditor-search.png");

            // The database sorts: the Result header ascending puts the failed unit first, descending the passed one.
            sortBy("Result", javafx.scene.control.TableColumn.SortType.ASCENDING);
            waitFor("the failed unit first", () -> "FAILED".equals(firstRowResult()));
            sortBy("Result", javafx.scene.control.TableColumn.SortType.DESCENDING);
            waitFor("the passed unit first", () -> "PASS".equals(firstRowResult()));
            assertThat(onFx(() -> ui.screens().auditor().order()))
                    .isEqualTo(new dev.hallmark.engine.port.UnitOrder(dev.hallmark.engine.port.UnitOrder.Key.RESULT, true));

            keys.focus("#unitTable");
            keys.press(KeyCode.HOME);
            keys.press(KeyCode.ENTER);
            waitFor("the unit's detail", () -> detailText().contains("CERTIFICATE"));
            keys.fire("#verifyButton");
            waitFor("the chain verification", () -> labelText("#chainLabel").startsWith("AUDIT CHAIN"));

            String detail = detailText();
            assertThat(detail).contains("Result: PASS").contains("Subject: ").contains("SAN: URI:urn:hallmark:uid:stm32f4:")
                    .contains("SHA-256: ").contains("CA CHAIN").contains("KEYGEN: ").contains("LOCKED (verified)")
                    .contains("VERIFY DONE").contains("Scanned label: BOARD-0001");
            assertThat(labelText("#chainLabel")).startsWith("AUDIT CHAIN HOLDS");
            save("unit-detail.png");

            Path export = root.resolve("export.csv");
            onFx(() -> {
                ui.screens().auditor().export("csv", export);
                return null;
            });
            waitFor("the export", () -> labelText("#auditorStatus").startsWith("Exported"));
            assertThat(labelText("#auditorStatus")).isEqualTo("Exported 2 units as csv to " + export);
            assertThat(Files.readString(export, StandardCharsets.UTF_8)).contains(firstRowSerial());

            keys.press(KeyCode.F4);
            for (String part : List.of("HSM", "CA", "FixtureF1")) {
                keys.fire("#test-" + part);
            }
            waitFor("the three connection tests", () -> lookupAll(".check-result").stream().limit(3)
                    .allMatch(n -> ((Label) n).getText().startsWith("OK") || ((Label) n).getText().startsWith("FAILED")));
            List<String> checks = onFx(() -> lookupAll(".check-result").stream().map(n -> ((Label) n).getText()).toList());
            assertThat(checks.get(0)).startsWith("OK: ").contains("token 'hallmark'").contains("station audit key present");
            assertThat(checks.get(1)).startsWith("OK: chain of ");
            assertThat(checks.get(2)).startsWith("OK: STM32F4 answers on ");
            assertThat(checks.get(3)).isEqualTo("Not tested");
            save("admin.png");

            onFx(() -> {
                List.copyOf(Window.getWindows()).stream().filter(w -> w.getScene() == scene()).forEach(Window::hide);
                return null;
            });
            assertThat(StationWindow.awaitClosed(java.time.Duration.ofSeconds(20))).isTrue();
        }
    }

    /** The station's access control with one person who may use every screen: supervisor and admin. */
    private static StationAccess lead(DataDir dir, SecureRandom random, Clock clock) throws Exception {
        StationAccess access = StationAccess.embedded(dir, random, clock, l -> { });
        access.directory().create(new OperatorAccount("lead", Set.of(Role.SUPERVISOR, Role.ADMIN),
                access.hasher().hash(LEAD_PASSWORD.toCharArray()).encode(), 0, false, false, clock.instant(),
                clock.instant()));
        return access;
    }

    private static Scene scene() {
        return Window.getWindows().stream().filter(w -> w.getScene() != null && w.isShowing()
                && w.getScene().getRoot() instanceof StationShell).map(Window::getScene).findFirst().orElse(null);
    }

    private static Node lookup(String selector) {
        return scene().getRoot().lookup(selector);
    }

    /**
     * Each matching node once: the tab pane's lookup meets a tab's content twice (through the tab and through its
     * skin), and its result claims to be a set, so stream().distinct() would keep both.
     */
    private static List<Node> lookupAll(String selector) {
        return List.copyOf(new java.util.LinkedHashSet<>(new java.util.ArrayList<>(scene().getRoot().lookupAll(selector))));
    }

    private static String labelText(String selector) throws Exception {
        return onFx(() -> {
            Node n = scene() == null ? null : lookup(selector);
            return n instanceof Label l && l.getText() != null ? l.getText() : "";
        });
    }

    private static List<String> resultTexts() throws Exception {
        return onFx(() -> lookupAll(".fixture-tile").stream().map(t -> ((Label) t.lookup(".result-text")).getText())
                .toList());
    }

    private static String detailText() throws Exception {
        return onFx(() -> ((TextArea) lookup("#detailArea")).getText());
    }

    /** What a click on a column header does: that column first in the table's sort order, in this direction. */
    private static void sortBy(String title, javafx.scene.control.TableColumn.SortType type) throws Exception {
        onFx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<Object> table = (javafx.scene.control.TableView<Object>) lookup("#unitTable");
            var column = table.getColumns().stream().filter(c -> title.equals(c.getText())).findFirst().orElseThrow();
            column.setSortType(type);
            table.getSortOrder().setAll(List.of(column));
            return null;
        });
    }

    private static String firstRowResult() throws Exception {
        return onFx(() -> lookupAll("#unitTable .table-row-cell").stream().map(n -> (TableRow<?>) n)
                .filter(r -> r.getIndex() == 0 && r.getItem() != null)
                .map(r -> ((dev.hallmark.ui.auditor.UnitRow) r.getItem()).unit())
                .filter(java.util.Objects::nonNull).map(u -> u.result().name()).findFirst().orElse(null));
    }

    private static String firstRowSerial() throws Exception {
        return onFx(() -> lookupAll("#unitTable .table-row-cell").stream().map(n -> (TableRow<?>) n)
                .filter(r -> r.getIndex() == 0 && r.getItem() != null)
                .map(r -> ((dev.hallmark.ui.auditor.UnitRow) r.getItem()).unit())
                .filter(java.util.Objects::nonNull).map(u -> u.serial()).findFirst().orElse(null));
    }

    private static void save(String fileName) throws Exception {
        Path shots = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
        Files.createDirectories(shots);
        var image = onFx(() -> scene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", shots.resolve(fileName).toFile());
    }

    private static <T> T onFx(Supplier<T> action) throws Exception {
        return FxThread.call(action);
    }

    private static void waitFor(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the station window did not show " + what + " within 90 s");
    }

    /** A condition polled from the test thread. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
