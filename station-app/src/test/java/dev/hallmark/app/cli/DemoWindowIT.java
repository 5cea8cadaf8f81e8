package dev.hallmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.FxThread;
import dev.hallmark.app.HallmarkProcess;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoLot;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo without --headless where a display exists: the same run shown in the bench window (JavaFX on
 * Monocle), one tile per fixture with a clear PASS, finished when the operator closes the window.
 */
class DemoWindowIT {

    @BeforeAll
    static void headlessToolkit() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theRunIsShownWithATilePerFixtureAndEndsWhenTheWindowCloses() throws Exception {
        Path root = HallmarkProcess.freshDir("in-process");
        DataDir dir = new DataDir(root);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, l -> { });
             SimBench sims = SimBench.start(Stm32Family.F4, 2, SimulatedVendor.transportKek(dir, station.hsm(), random,
                     l -> { }), random, SimTiming.NONE);
             DemoBench bench = DemoBench.of(sims)) {
            assertThat(BenchWindowRun.possible()).isTrue();
            DemoLot lot = new DemoLot(station, bench, DemoProfile.STM32F4, "WIN", "it-station", clock);
            BenchWindowRun windowRun = new BenchWindowRun("WIN", DemoProfile.STM32F4.name(), bench.fixtures(), clock);
            AtomicReference<LotSummary> summary = new AtomicReference<>();
            Thread main = new Thread(() -> {
                try {
                    summary.set(windowRun.run(listener -> lot.run(4, listener),
                            new UnitLinePrinter(new PrintStream(printed, true, StandardCharsets.UTF_8))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "demo-main");
            main.start();

            waitFor(() -> labelText("#statusLabel").startsWith("Run finished"));

            assertThat(labelText("#statusLabel")).isEqualTo("Run finished: 4 passed, 0 failed");
            assertThat(onFx(() -> lookupAll(".result-text").stream().map(n -> ((Label) n).getText()).toList()))
                    .containsExactly("PASS", "PASS");
            assertThat(labelText("#passedLabel")).isEqualTo("4");
            saveScreenshot();
            assertThat(main.isAlive()).as("the run waits for the operator to close the window").isTrue();

            onFx(() -> {
                List.copyOf(Window.getWindows()).forEach(Window::hide);
                return null;
            });
            main.join(TimeUnit.SECONDS.toMillis(20));

            assertThat(main.isAlive()).isFalse();
            assertThat(summary.get().passed()).isEqualTo(4);
            assertThat(printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("PASS "))).hasSize(4);
        }
    }

    private static void saveScreenshot() throws Exception {
        Path shots = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
        Files.createDirectories(shots);
        var image = onFx(() -> Window.getWindows().get(0).getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", shots.resolve("demo-window.png").toFile());
    }

    private static String labelText(String selector) throws Exception {
        return onFx(() -> lookupAll(selector).stream().findFirst().map(n -> ((Label) n).getText()).orElse(""));
    }

    private static List<Node> lookupAll(String selector) {
        return Window.getWindows().stream().filter(w -> w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(selector).stream()).toList();
    }

    private static <T> T onFx(Supplier<T> action) throws Exception {
        return FxThread.call(action);
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // the toolkit is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bench window did not show the finished run within 60 s");
    }

    /** A condition polled on the FX thread. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
