package dev.hallmark.sim.esp32;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The entry for {@code --target esp32c3}: one READY line per chip, each on its own pty with its own identity. */
class Esp32c3SimEntryTest {

    @Test
    void printsOneReadyLinePerChipAndEachChipIsDifferent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Esp32c3Bench bench = Esp32c3SimEntry.start(2, new byte[32], new SecureRandom(),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
            assertThat(lines).containsExactly("READY " + bench.paths().get(0), "READY " + bench.paths().get(1));
            assertThat(bench.paths()).allMatch(p -> Files.exists(Path.of(p)));
            assertThat(bench.device(0).uniqueId()).isNotEqualTo(bench.device(1).uniqueId()).hasSize(16);
            assertThat(bench.device(0).mac()).startsWith(0x34, 0x85, 0x18);
        }
    }
}
