package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standalone simulator in its own JVM: READY lines, real clients, stop on stdin end-of-file. */
class SimMainIT {

    private static Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SimMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    @Test
    void servesTheDevicesItAnnouncesUntilStdinCloses() throws Exception {
        assumeTrue(Stm32Flash.installed(), "stm32flash is not installed");
        Process sim = start("--target", "stm32f4", "--count", "2");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String line = out.readLine();
                assertThat(line).matches("READY /dev/pts/\\d+");
                paths.add(line.substring("READY ".length()));
            }
            for (String path : paths) {
                Stm32Flash.Result probe = Stm32Flash.run(path);
                assertThat(probe.exitCode()).as(probe.output()).isZero();
                assertThat(probe.output()).contains("0x0413");
            }
            sim.getOutputStream().close();
            assertThat(sim.waitFor(10, TimeUnit.SECONDS)).as("stops when stdin closes").isTrue();
            assertThat(sim.exitValue()).isZero();
        } finally {
            sim.destroyForcibly();
        }
    }

    @Test
    void refusesAnUnsupportedTargetWithExit2() throws Exception {
        Process sim = start("--target", "nrf52840", "--count", "1");
        assertThat(sim.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.exitValue()).isEqualTo(2);
        String err = new String(sim.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err.lines()).hasSize(1).first().asString().contains("unsupported target nrf52840");
        assertThat(sim.getInputStream().readAllBytes()).isEmpty();
    }
}
