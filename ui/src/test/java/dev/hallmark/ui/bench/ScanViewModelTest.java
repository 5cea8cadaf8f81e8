package dev.hallmark.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.BenchControl;
import dev.hallmark.testkit.fake.MutableClock;
import dev.hallmark.ui.Background;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanViewModelTest {

    private static final List<Fixture> FIXTURES = List.of(new Fixture("F1", "/dev/a"), new Fixture("F2", "/dev/b"));

    private final List<String> scans = new ArrayList<>();
    private final BenchControl bench = new BenchControl() {
        @Override
        public List<Fixture> fixtures() {
            return FIXTURES;
        }

        @Override
        public Optional<String> start(String label) throws ProvisioningException {
            if (label.contains("!")) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the scanned label is not valid");
            }
            scans.add(label);
            return scans.size() <= 2 ? Optional.of(FIXTURES.get(scans.size() - 1).id()) : Optional.empty();
        }
    };
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final BenchViewModel model = new BenchViewModel("L1", "p", FIXTURES, Runnable::run, clock);
    private final ScanViewModel scan = model.scan();

    @Test
    void inactiveUntilABenchIsAttached() {
        scan.textProperty().set("BOARD-1");
        scan.submit();

        assertThat(scan.activeProperty().get()).isFalse();
        assertThat(scans).isEmpty();
    }

    @Test
    void eachScanStartsAUnitOnTheNextFreeFixtureAndClearsTheField() {
        scan.attach(bench, new Background(Runnable::run, Runnable::run));

        scan.textProperty().set("BOARD-1\n");
        scan.submit();
        assertThat(scan.textProperty().get()).isEmpty();
        assertThat(scan.feedbackProperty().get()).isEqualTo("BOARD-1 started on fixture F1");
        assertThat(scan.feedbackErrorProperty().get()).isFalse();

        scan.textProperty().set("BOARD-2");
        scan.submit();
        assertThat(scan.feedbackProperty().get()).isEqualTo("BOARD-2 started on fixture F2");

        scan.textProperty().set("BOARD-3");
        scan.submit();
        assertThat(scan.feedbackErrorProperty().get()).isTrue();
        assertThat(scan.feedbackProperty().get()).startsWith("BOARD-3 not started: every fixture is busy");
        assertThat(scans).containsExactly("BOARD-1", "BOARD-2", "BOARD-3");
    }

    @Test
    void aRefusedLabelIsNamedInOneLineAndABlankScanIsIgnored() {
        scan.attach(bench, new Background(Runnable::run, Runnable::run));

        scan.textProperty().set("   ");
        scan.submit();
        assertThat(scans).isEmpty();

        scan.textProperty().set("BAD!");
        scan.submit();
        assertThat(scan.feedbackErrorProperty().get()).isTrue();
        assertThat(scan.feedbackProperty().get())
                .isEqualTo("BAD! not started: HM-100 configuration: the scanned label is not valid - "
                        + ErrorCode.CONFIG_INVALID.remedy());
    }

    @Test
    void unitsPerHourCountFinishedUnitsSinceTheFirstStart() {
        UnitScript.pass(model, "F1", "HM-1", "0a0b0c0d0e0f101112131415", Duration.ofSeconds(30));
        assertThat(model.unitsPerHourTextProperty().get()).isEqualTo("-");

        UnitScript.pass(model, "F2", "HM-2", "1a0b0c0d0e0f101112131415", Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(3));
        model.refreshElapsed();

        assertThat(model.unitsPerHourTextProperty().get()).isEqualTo("40");
    }
}
