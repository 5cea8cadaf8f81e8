package dev.hallmark.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.ui.bench.BenchView;
import dev.hallmark.ui.bench.BenchViewModel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/**
 * The window as the application opens it: this class starts the toolkit itself (failsafe runs each IT class in a
 * fresh JVM), so it also shows that the toolkit stops once the operator closes the last window.
 */
class StationWindowIT {

    private static final String TITLE = "Hallmark - bench L-7";

    @Test
    void opensTheBenchAndReleasesTheWaiterWhenClosed() throws Exception {
        assertThat(StationWindow.displayAvailable()).isTrue();
        BenchViewModel model = new BenchViewModel("L-7", "sensor-f4", List.of(new Fixture("A", "/dev/ttyUSB0")),
                Platform::runLater, Clock.systemUTC());
        CountDownLatch onClose = new CountDownLatch(1);

        StationWindow.show(model, TITLE, onClose::countDown);
        assertThat(StationWindow.awaitClosed(Duration.ofMillis(300))).as("window still open").isFalse();

        model.unitStarted("A");
        Stage stage = awaitStage();
        assertThat(stage.getScene().getRoot()).isInstanceOf(BenchView.class);
        assertThat(onFx(() -> model.tiles().get(0).resultTextProperty().get())).isEqualTo("RUNNING");

        Platform.runLater(stage::close);
        assertThat(StationWindow.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(onClose.getCount()).isZero();
        assertThatThrownBy(() -> StationWindow.show(model, TITLE, () -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Stage awaitStage() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<Stage> stage = onFx(() -> Window.getWindows().stream()
                    .filter(w -> w instanceof Stage s && TITLE.equals(s.getTitle()) && s.isShowing())
                    .map(Stage.class::cast).findFirst());
            if (stage.isPresent()) {
                return stage.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no window titled " + TITLE);
    }

    private static <T> T onFx(java.util.function.Supplier<T> query) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(query.get()));
        return result.get(30, TimeUnit.SECONDS); // a limit, not a measure: a loaded machine starts the toolkit slowly
    }
}
