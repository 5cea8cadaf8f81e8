package dev.hallmark.hsm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void theLineIsWhatScriptsRead() {
        BenchResult result = new BenchResult("softhsm", 2, 1234.567, 1300.0, 3703, 3900, 310.0, 290.0);
        assertThat(result.line()).isEqualTo("token=softhsm threads=2 store_per_s=1234.6 bare_per_s=1300.0 ratio=0.95");
        assertThat(result.ratio()).isCloseTo(0.9497, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(result.cpuRatio()).isCloseTo(0.9355, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(new BenchResult("tpm", 1, 0, 0, 0, 0, 0, 0).ratio()).isZero();
    }

    @Test
    void settingsNeedRoundsAndPositiveThreadCounts() {
        assertThat(BenchSettings.standard().threads()).containsExactly(1, 2);
        assertThatThrownBy(() -> new BenchSettings(Duration.ZERO, Duration.ofSeconds(1), 0, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchSettings(Duration.ZERO, Duration.ofSeconds(1), 1, List.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
