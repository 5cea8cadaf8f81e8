package dev.hallmark.sim.esp32;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated ESP32-C3 driven by a real client: Espressif's esptool-js (npm, pinned in src/test/node/esptool)
 * under Node, through a Web Serial stand-in over the pty (probe.mjs). Skipped, with the reason, where node or the
 * npm packages are missing and cannot be installed.
 */
class EsptoolJsIT {

    private static final Path PROBE_DIR = Path.of("src/test/node/esptool");
    private static final String REGISTERS = "60008830 6000885c 40001000";
    private static Esp32c3Bench bench;
    private SimulatedEsp32c3 chip;

    @BeforeAll
    static void installEsptoolJs() throws Exception {
        Assumptions.assumeTrue(run(Path.of("."), 30, "node", "--version").exit == 0, "node is not installed");
        if (!Files.exists(PROBE_DIR.resolve("node_modules/esptool-js/package.json"))) {
            Result ci = run(PROBE_DIR, 180, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
            Assumptions.assumeTrue(ci.exit == 0, "npm ci of esptool-js failed (offline?): " + ci.err);
        }
        bench = Esp32c3Bench.start(1, new byte[32], new SecureRandom(), EspTiming.NONE);
    }

    @AfterAll
    static void stopBench() {
        if (bench != null) {
            bench.close();
        }
    }

    @BeforeEach
    void freshChip() throws IOException {
        chip = bench.replaceDevice(0);
    }

    @Test
    void esptoolJsDetectsAnEsp32c3AndReadsItsMacAndEfuses() throws Exception {
        Result probe = probe();
        assertThat(probe.exit).as(probe.err).isZero();
        assertThat(field(probe.out, "chip")).isEqualTo("ESP32-C3");
        assertThat(field(probe.out, "description")).isEqualTo("ESP32-C3 (QFN32) (revision v0.4)");
        assertThat(field(probe.out, "mac")).isEqualTo(HexFormat.ofDelimiter(":").formatHex(chip.mac()));
        byte[] uid = chip.uniqueId();
        long word0 = (uid[0] & 0xFF) | (uid[1] & 0xFF) << 8 | (uid[2] & 0xFF) << 16 | (long) (uid[3] & 0xFF) << 24;
        assertThat(number(probe.out, "6000885c")).isEqualTo(word0);
        assertThat(number(probe.out, "40001000")).isEqualTo(0x1B31_506FL);
        assertThat(number(probe.out, "60008830")).isZero();
        assertThat(number(probe.out, "securityFlags")).isZero();
    }

    @Test
    void esptoolJsSeesBurntJtagFusesInTheRegisterAndTheSecurityFlags() throws Exception {
        chip.chip().efuses().factoryBurn(0, new int[] {0, 1 << 19 | 0b111 << 16, 0, 0, 0, 0});
        Result probe = probe();
        assertThat(probe.exit).as(probe.err).isZero();
        assertThat(number(probe.out, "60008830")).isEqualTo(1 << 19 | 0b111 << 16);
        assertThat(number(probe.out, "securityFlags")).isEqualTo(1 << 6 | 1 << 7);
    }

    @Test
    void afterDownloadModeIsDisabledAndAResetEsptoolJsCannotConnect() throws Exception {
        chip.chip().efuses().factoryBurn(0, new int[] {0, 0, 0, 0, 1, 0});
        chip.reset();
        Result probe = probe();
        assertThat(probe.exit).as(probe.err).isEqualTo(1);
        assertThat(probe.err).contains("esptool-js failed");
        assertThat(probe.out).doesNotContain("ESP32-C3");
    }

    @Test
    void esptoolJsChangesTheBaudRateAndKeepsTalking() throws Exception {
        Result probe = probe("460800");
        assertThat(probe.exit).as(probe.err).isZero();
        assertThat(probe.err).contains("Changing baudrate to 460800");
        assertThat(number(probe.out, "baudrate")).isEqualTo(460_800);
        assertThat(number(probe.out, "40001000")).isEqualTo(0x1B31_506FL);
    }

    private Result probe() throws Exception {
        return probe("115200");
    }

    private Result probe(String baud) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "probe.mjs", chip.path()));
        command.addAll(List.of(REGISTERS.split(" ")));
        return run(PROBE_DIR, 60, Map.of("PROBE_BAUD", baud), command.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("field " + name + " in " + json).isTrue();
        return m.group(1);
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as("number " + name + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Path dir, int timeoutSeconds, String... command) throws Exception {
        return run(dir, timeoutSeconds, Map.of(), command);
    }

    private static Result run(Path dir, int timeoutSeconds, Map<String, String> env, String... command)
            throws Exception {
        Path out = Files.createTempFile("esptool-out", ".txt");
        Path err = Files.createTempFile("esptool-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(out), "timed out; " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException notInstalled) {
            return new Result(-2, "", notInstalled.getMessage());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
