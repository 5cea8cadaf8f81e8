package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The serial benchmark's result line: averages over the units and the ratio to the physical minimum. */
class BenchSerialCommandTest {

    @Test
    void theLineAveragesUnitsAndGivesTheRatio() {
        long[] steps = {1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000};
        List<SerialBenchRun.Unit> units = List.of(
                new SerialBenchRun.Unit(1_100_000_000L, 1_000_000_000L, 1600, steps),
                new SerialBenchRun.Unit(1_300_000_000L, 1_000_000_000L, 1700, steps));
        String line = BenchSerialCommand.line("STM32F4", 115_200, units);
        assertThat(line).startsWith("target=stm32f4 baud=115200 per_unit_ms=1200.0 physical_min_ms=1000.0 ratio=1.200 "
                + "bytes=1650 units=2").contains("open_ms=1.0").endsWith("verify_ms=6.0");
    }
}
