package dev.hallmark.app.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScanBenchTest {

    private static final List<Fixture> FIXTURES = List.of(new Fixture("F1", "/dev/a"), new Fixture("F2", "/dev/b"));

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> loads = new CopyOnWriteArrayList<>();
    private final List<UnitOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(2);
    private final UnitListener listener = new UnitListener() {
        @Override
        public void unitFinished(UnitOutcome outcome) {
            outcomes.add(outcome);
            finished.countDown();
        }
    };

    /** The loader holds each fixture busy until released, then finds no board: the unit fails with that cause. */
    private ScanBench bench() {
        return new ScanBench(FIXTURES, (fixture, index) -> {
            loads.add(fixture.id() + "#" + index);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND, "no board on fixture " + fixture.id());
        }, null, listener);
    }

    @Test
    void scansFillTheFreeFixturesInOrderThenWaitForOne() throws Exception {
        try (ScanBench bench = bench()) {
            assertThat(bench.start("BOARD-1")).contains("F1");
            assertThat(bench.start("BOARD-2")).contains("F2");
            assertThat(bench.start("BOARD-3")).isEmpty();
            assertThat(bench.busy("F1")).isTrue();

            release.countDown();
            assertThat(finished.await(20, TimeUnit.SECONDS)).isTrue();

            assertThat(outcomes).allSatisfy(o -> {
                assertThat(o.result()).isEqualTo(UnitResult.FAILED);
                assertThat(o.error()).isEqualTo(ErrorCode.DEVICE_PORT_NOT_FOUND);
                assertThat(o.cause()).startsWith("HM-300 fixture: no board on fixture F");
            });
            assertThat(loads).containsExactlyInAnyOrder("F1#0", "F2#0");
        }
    }

    @Test
    void aLabelThatIsNoScanIsRefusedInOneLine() {
        try (ScanBench bench = bench()) {
            release.countDown();
            assertThatThrownBy(() -> bench.start("  ")).isInstanceOf(ProvisioningException.class)
                    .hasMessageContaining("scanned label is empty");
            assertThatThrownBy(() -> bench.start("BOARD\u0007ONE")).hasMessageContaining("U+0007 at position 6")
                    .hasMessageNotContaining("BOARD");
            assertThatThrownBy(() -> bench.start("X".repeat(65))).hasMessageContaining("65 characters, more than 64");
            assertThat(loads).isEmpty();
        }
    }
}
