package dev.hallmark.ui.lot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.port.LotTrend;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.ui.Background;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LotDashboardViewModelTest {

    private static final Executor DIRECT = Runnable::run;
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private final LotTrend report = new LotTrend("L7", "sensor-f4", 7, 3, Duration.ofMinutes(10), List.of(
            new LotTrend.Bucket(T0, 4, 0), new LotTrend.Bucket(T0.plusSeconds(600), 3, 3)), List.of(
            new LotTrend.FailureCount("LOCK", "HM-302", "NACK 0x1F", 2),
            new LotTrend.FailureCount("IDENTIFY", "HM-301", "no answer", 1)));

    private final LotDashboardViewModel model = new LotDashboardViewModel(archive(), new Background(DIRECT, DIRECT));

    private UnitArchive archive() {
        return (UnitArchive) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UnitArchive.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lots" -> List.of("L7", "L6");
                    case "lotReport" -> report;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theNewestLotIsShownWithYieldParetoAndThroughput() {
        model.loadLots();

        assertThat(model.lots()).containsExactly("L7", "L6");
        assertThat(model.lotProperty().get()).isEqualTo("L7");
        assertThat(model.headerProperty().get())
                .isEqualTo("Lot L7 (sensor-f4): 10 units, 7 passed, 3 failed, yield 70.0%");
        assertThat(model.yieldProperty().get()).extracting(LotDashboardViewModel.Point::value).containsExactly(100.0, 50.0);
        assertThat(model.yieldProperty().get()).extracting(LotDashboardViewModel.Point::label)
                .containsExactly("03-02 08:00", "03-02 08:10");
        // 4 and 6 units in ten minutes: 24 and 36 per hour.
        assertThat(model.throughputProperty().get()).extracting(LotDashboardViewModel.Point::value)
                .containsExactly(24.0, 36.0);
        assertThat(model.paretoProperty().get()).extracting(LotDashboardViewModel.Point::label)
                .containsExactly("LOCK HM-302", "IDENTIFY HM-301");
        assertThat(model.paretoCumulativeProperty().get().get(0).value()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(model.paretoCumulativeProperty().get().get(1).value()).isEqualTo(100.0);
        assertThat(model.statusProperty().get()).isEqualTo("Most frequent failure: LOCK HM-302 (2x): NACK 0x1F");
    }
}
