package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotBenchCaseTest {

    @Test
    void theLineCarriesRateTimesAndRatiosForScripts() {
        // 16 units in 4 s on 8 fixtures, 1.8 s per unit against a 1.6 s minimum, a token good for 1000 units/s
        LotBenchCase result = new LotBenchCase("realistic", 8, 16, 0, 4_000_000_000L, 1_800_000_000L,
                1_600_000_000L, 3_600_000);
        assertThat(result.unitsPerHour()).isEqualTo(14_400);
        assertThat(result.ratio()).isEqualTo(1.125);
        assertThat(result.hsmRatio()).isEqualTo(0.004);
        assertThat(result.line()).isEqualTo("timing=realistic fixtures=8 units_per_hour=14400 per_unit_ms=1800.0 "
                + "physical_min_ms=1600.0 ratio=1.13 hsm_ratio=0.0040 units=16 failed=0");
        assertThat(result.json()).containsEntry("units_per_hour", 14_400L).containsEntry("ratio", 1.13);
    }

    @Test
    void settingsRefuseWhatCannotBeMeasuredAndRoundTripAsArguments() {
        assertThatThrownBy(() -> new LotBenchSettings(List.of("slow"), List.of(1), 115200, 1, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("--timings");
        assertThatThrownBy(() -> new LotBenchSettings(List.of("zero"), List.of(0), 115200, 1, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("--fixtures");
        LotBenchSettings settings = new LotBenchSettings(List.of("realistic", "zero"), List.of(1, 8), 57600, 2, 5,
                Duration.ofMillis(750));
        assertThat(settings.toArgs()).containsExactly("--timings", "realistic,zero", "--fixtures", "1,8", "--baud",
                "57600", "--realistic-units", "2", "--zero-units", "5", "--token-ms", "750");
    }
}
