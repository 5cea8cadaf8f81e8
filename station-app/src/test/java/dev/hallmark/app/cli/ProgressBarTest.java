package dev.hallmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void theBarShowsDoneOfTotalTheRateAndTheTimeLeftAtThatRate() {
        String line = ProgressBar.line(3, 1, 12, Duration.ofSeconds(6));

        assertThat(line).startsWith("[#######.......................] 3/12 units, 1 failed, 1800 units/h, ETA 0:18");
    }

    @Test
    void anEmptyRunHasNoRateAndNoEta() {
        assertThat(ProgressBar.line(0, 0, 4, Duration.ZERO)).contains("0/4 units", "0 units/h", "ETA 0:00");
    }
}
