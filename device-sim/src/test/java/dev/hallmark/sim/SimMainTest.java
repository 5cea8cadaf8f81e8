package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        return SimMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                new SecureRandom());
    }

    @Test
    void printsOneReadyLinePerDeviceAndStopsWhenStdinCloses() throws Exception {
        assertThat(run("--target", "stm32f4", "--count", "3")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3).allMatch(line -> line.matches("READY /dev/pts/\\d+"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void servesEsp32c3ChipsAndRefusesFaultsForThem() throws Exception {
        SimMain.Options options = SimMain.parse(new String[] {"--target", "esp32c3", "--count", "2"});
        try (SimTargets.Running chips = options.starter().start(2, new byte[32], new java.security.SecureRandom(),
                options.timing(), options.faults())) {
            assertThat(chips.paths()).hasSize(2).allMatch(path -> path.matches("/dev/pts/\\d+"));
        }
        assertThat(run("--target", "esp32c3", "--count", "1", "--faults", "rate=0.05")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("STM32 targets only");
    }

    @Test
    void refusesAnUnsupportedTargetWithOneLineAndExit2() throws Exception {
        assertThat(run("--target", "nrf52840", "--count", "1")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unsupported target nrf52840").containsOnlyOnce("\n");
    }

    @Test
    void refusesBadCountsAndUnknownArguments() throws Exception {
        assertThat(run("--target", "stm32f4", "--count", "zero")).isEqualTo(2);
        assertThat(run("--target", "stm32f4", "--verbose")).isEqualTo(2);
        assertThat(run("--count", "1")).isEqualTo(2);
    }

    @Test
    void servesEveryStm32FamilyWithTimingAndFaults() throws Exception {
        for (String target : new String[] {"stm32f1", "stm32l4"}) {
            out.reset();
            assertThat(run("--target", target, "--count", "1", "--baud", "115200", "--faults", "rate=0.1,seed=3"))
                    .as(target).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("READY /dev/pts/");
        }
        SimMain.Options options = SimMain.parse(new String[] {"--target", "STM32L4", "--faults", "rate=0.2,kinds=nack"});
        assertThat(options.faults().rate()).isEqualTo(0.2);
        assertThat(options.faults().kinds()).containsExactly(FaultKind.NACK);
        assertThat(options.timing()).isEqualTo(SimTiming.NONE);
    }

    @Test
    void refusesBadTimingAndFaultSettingsWithOneLine() throws Exception {
        assertThat(run("--target", "stm32f4", "--baud", "fast")).isEqualTo(2);
        assertThat(run("--target", "stm32f4", "--faults", "rate=7")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--baud must be").contains("from 0 to 1");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void readsTheKekAsRawBytesOrHex(@TempDir Path dir) throws Exception {
        byte[] kek = new byte[32];
        kek[0] = 0x42;
        Path raw = Files.write(dir.resolve("kek.bin"), kek);
        Path hex = Files.writeString(dir.resolve("kek.hex"), java.util.HexFormat.of().formatHex(kek) + "\n");
        assertThat(SimMain.readKek(raw)).isEqualTo(kek);
        assertThat(SimMain.readKek(hex)).isEqualTo(kek);
        Path bad = Files.writeString(dir.resolve("kek.txt"), "secret");
        assertThat(run("--target", "stm32f4", "--kek-file", bad.toString())).isEqualTo(2);
    }
}
