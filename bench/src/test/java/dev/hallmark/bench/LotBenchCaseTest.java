package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotBenchCaseTest {

    @Test
    void theLineCarriesRateTimesAndRatiosForScripts() {
        // 16 units in 4 s on 8 fixtures, 1.8 s per unit against a 1.6 s minimum (board 1596 ms, token 3 ms, its
        // share of the fsyncs 1 ms), a pipeline of 2 units/s beside it
        LotBenchCase result = new LotBenchCase("realistic", 8, 16, 0, 4_000_000_000L, 1_800_000_000L,
                1_596_000_000L, 3_000_000L, 1_000_000L, 1.25, 2.0, 0.5);
        assertThat(result.unitsPerHour()).isEqualTo(14_400);
        assertThat(result.physicalNanos()).isEqualTo(1_600_000_000L);
        assertThat(result.ratio()).isEqualTo(1.125);
        assertThat(result.vsPipeline()).isEqualTo(2.0);
        assertThat(result.line()).isEqualTo("timing=realistic fixtures=8 units_per_hour=14400 per_unit_ms=1800.0 "
                + "physical_min_ms=1600.0 ratio=1.13 token_ms=3.00 durability_ms=1.00 fsyncs_per_unit=1.25 "
                + "beyond_token_ms=1797.0 vs_pipeline=2.0 units=16 failed=0 load=0.50");
        assertThat(result.json()).containsEntry("units_per_hour", 14_400L).containsEntry("ratio", 1.13)
                .containsEntry("vs_pipeline", 2.0);
        assertThat(new LotBenchCase("zero", 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0).line()).contains("vs_pipeline=n/a");
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
                "57600", "--realistic-units", "2", "--zero-units", "5", "--token-ms", "750", "--pipeline-units", "0");
    }
}
