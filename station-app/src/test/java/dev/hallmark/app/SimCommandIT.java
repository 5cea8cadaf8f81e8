package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code hallmark sim} alone: READY lines, and Debian's stm32flash probes a device it serves. */
class SimCommandIT {

    @Test
    void theSimulatorPrintsReadyPerDeviceAndStm32flashProbesIt() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Process sim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                target.resolve("station-app.jar") + ":" + target.resolve("lib") + "/*", "dev.hallmark.app.HallmarkMain",
                "sim", "--target", "stm32f4", "--count", "2")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String line = out.readLine();
                assertThat(line).startsWith("READY /");
                paths.add(line.substring("READY ".length()));
            }
            assertThat(paths).doesNotHaveDuplicates();

            Process probe = new ProcessBuilder("stm32flash", "-m", "8n1", paths.get(1)).redirectErrorStream(true).start();
            String probed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(probe.exitValue()).as(probed).isZero();
            assertThat(probed).contains("Device ID    : 0x0413");
            assertThat(sim.isAlive()).as("runs until stopped").isTrue();
        } finally {
            sim.destroy();
            assertThat(sim.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }
}
