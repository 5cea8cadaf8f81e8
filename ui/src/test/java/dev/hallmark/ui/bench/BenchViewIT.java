package dev.hallmark.ui.bench;

import dev.hallmark.testkit.fake.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.Step;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real bench screen on Monocle, fed from a worker thread through Platform::runLater, as in production. */
@ExtendWith(ApplicationExtension.class)
class BenchViewIT {

    private static final List<Fixture> FIXTURES = List.of(
            new Fixture("A", "/dev/ttyUSB0"), new Fixture("B", "/dev/ttyUSB1"), new Fixture("C", "/dev/ttyUSB2"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private BenchViewModel model;
    private Scene scene;

    @Start
    void start(Stage stage) {
        model = new BenchViewModel("L-2026-031", "sensor-f4 (STM32F4, injected key)", FIXTURES, Platform::runLater,
                clock);
        scene = new Scene(new BenchView(model), 1280, 720);
        stage.setScene(scene);
        stage.setTitle("Hallmark bench");
        stage.show();
    }

    @Test
    void tilesShowPassFailAndTheCurrentStep(FxRobot robot) throws Exception {
        String cause = UnitScript.lockNackCause();
        playFromWorker(() -> {
            UnitScript.pass(model, "A", "HM-F4-000118", "0a0b0c0d0e0f101112131415", Duration.ofSeconds(47));
            UnitScript.fail(model, "B", "HM-F4-000119", "1a0b0c0d0e0f101112131415", Step.LOCK,
                    ErrorCode.DEVICE_NACK, cause, Duration.ofSeconds(38));
            UnitScript.startUpTo(model, "C", "HM-F4-000120", Step.KEYGEN);
            clock.advance(Duration.ofSeconds(12));
        });
        robot.interact(model::refreshElapsed);

        Node tileA = robot.lookup("#tile-A").query();
        Node tileB = robot.lookup("#tile-B").query();
        Node tileC = robot.lookup("#tile-C").query();

        Label resultA = robot.from(tileA).lookup(".result-text").queryAs(Label.class);
        assertThat(resultA.getText()).isEqualTo("PASS");
        assertThat(resultA.getFont().getSize()).isGreaterThanOrEqualTo(36);
        assertThat(robot.from(tileA).lookup(".result-banner").query().getStyleClass()).contains("result-pass");
        assertThat(robot.from(tileA).lookup(".serial").queryLabeled().getText()).isEqualTo("HM-F4-000118");

        Label resultB = robot.from(tileB).lookup(".result-text").queryAs(Label.class);
        assertThat(resultB.getText()).isEqualTo("FAIL");
        assertThat(resultB.getFont().getSize()).isGreaterThanOrEqualTo(36);
        assertThat(robot.from(tileB).lookup(".result-banner").query().getStyleClass())
                .contains("result-fail").doesNotContain("result-pass");
        assertThat(robot.from(tileB).lookup(".result-detail").queryLabeled().getText()).isEqualTo(cause);
        assertThat(robot.from(tileB).lookup(".step").queryLabeled().getText()).contains("LOCK");

        assertThat(robot.from(tileC).lookup(".result-text").queryLabeled().getText()).isEqualTo("RUNNING");
        assertThat(robot.from(tileC).lookup(".step").queryLabeled().getText()).isEqualTo("Step 3/9  KEYGEN");
        assertThat(robot.from(tileC).lookup(".elapsed").queryLabeled().getText()).isEqualTo("0:12");

        assertThat(robot.lookup(".count-passed").queryLabeled().getText()).isEqualTo("1");
        assertThat(robot.lookup(".count-failed").queryLabeled().getText()).isEqualTo("1");
        assertThat(robot.lookup(".status-line").queryLabeled().getText()).isEqualTo("1 unit in progress, 2 finished");
        saveScreenshot("bench.png");
        assertThat(clippedTexts()).as("labels whose text does not fit").isEmpty();
    }

    @Test
    void aRunLevelErrorShowsInTheStatusLine(FxRobot robot) throws Exception {
        playFromWorker(() -> model.runFailed("HM-502 audit database: database is locked - check the database path"));
        Labeled status = robot.lookup(".status-line").queryLabeled();
        assertThat(status.getText()).startsWith("HM-502");
        assertThat(status.getStyleClass()).contains("status-error");
    }

    @Test
    void theKeyboardReachesEveryTile(FxRobot robot) {
        Set<String> reached = new LinkedHashSet<>();
        for (int i = 0; i < 2 * FIXTURES.size(); i++) {
            robot.type(KeyCode.TAB);
            Node focused = WaitForAsyncUtils.waitForAsyncFx(2000, scene::getFocusOwner);
            if (focused instanceof FixtureTileView) {
                reached.add(focused.getId());
            }
        }
        assertThat(reached).containsExactlyInAnyOrder("tile-A", "tile-B", "tile-C");
    }

    /** Runs engine events on a worker thread, as UnitWorkflow does, and waits until the FX thread applied them. */
    private static void playFromWorker(Runnable events) throws InterruptedException {
        Thread worker = new Thread(events, "fixture-worker");
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(worker.isAlive()).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Labels whose displayed text was shortened with an ellipsis because it did not fit. */
    private List<String> clippedTexts() {
        return WaitForAsyncUtils.waitForAsyncFx(2000, () -> {
            List<String> clipped = new ArrayList<>();
            collectClipped(scene.getRoot(), clipped);
            return clipped;
        });
    }

    private static void collectClipped(Parent parent, List<String> clipped) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof Labeled labeled && labeled.isVisible() && !labeled.getText().isEmpty()) {
                Node shown = labeled.lookup(".text");
                if (shown instanceof Text text && !text.getText().equals(labeled.getText())) {
                    clipped.add(labeled.getText() + " -> " + text.getText());
                }
            }
            if (child instanceof Parent p && p.isVisible()) { // a hidden subtree shows no text at all
                collectClipped(p, clipped);
            }
        }
    }

    private void saveScreenshot(String fileName) throws Exception {
        BufferedImage image = WaitForAsyncUtils.waitForAsyncFx(5000,
                () -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
        Path dir = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(fileName).toFile());
    }
}
