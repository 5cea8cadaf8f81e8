package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 items 4 and 5: the HSM PIN (and an operator's password) reach no file under the data directory, no
 * log line, no stderr and no child process's environment (/proc/PID/environ of the child JVM, swtpm, dbus-daemon,
 * tpm2-abrmd) after a broken station.yaml written around the PIN and a demo with on-device custody whose PIN and
 * password come from the environment. Both searches are first shown to find a planted copy.
 */
class ChildSecretScanIT {

    @Test
    void thePinIsInNoFileLogOrChildEnvironment() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/swtpm")), "swtpm is not installed");
        Path station = HallmarkProcess.freshDir("child-secrets");
        Path outside = HallmarkProcess.freshDir("child-secrets-outside");
        String dataDir = station.toString();
        HallmarkProcess.Result first = HallmarkProcess.run(station, "demo", "--count", "1", "--headless",
                "--data-dir", dataDir, "--lot", "S1");
        assertThat(first.exit()).as(first.toString()).isIn(0, 1);
        String adminPassword = HallmarkProcess.adminPassword(first);
        String olgaPassword = "olga-unguessable-" + Long.toHexString(System.nanoTime());
        Map<String, String> add = new HashMap<>(HallmarkProcess.signedIn(outside, "admin", adminPassword));
        add.put("HALLMARK_NEW_PASSWORD_FILE", HallmarkProcess.signedIn(outside, "new", olgaPassword)
                .get("HALLMARK_PASSWORD_FILE"));
        assertThat(HallmarkProcess.run(station, add, "operator", "add", "olga", "--role", "operator", "--operator",
                "admin", "--data-dir", dataDir).exit()).isZero();
        String pin = Files.readString(station.resolve("secrets/hsm-pin")).strip();
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("HSM user PIN", pin.getBytes(StandardCharsets.US_ASCII));
        secrets.put("operator password", olgaPassword.getBytes(StandardCharsets.US_ASCII));

        Path yaml = station.resolve("station.yaml");
        for (String broken : List.of(
                "station: s1\nhsm:\n  pin: env:HALLMARK_HSM_PIN\n  token_label: \"" + pin + "\n\t- [\n",
                "station: s1\nhsm:\n  pin: env:HALLMARK_HSM_PIN\n" + pin + "\n  token_label: x: y\n",
                "station: s1\n" + pin + ": misplaced\n",
                "station: s1\nhsm: " + pin + "\n")) {
            Files.writeString(yaml, broken);
            HallmarkProcess.Result r = HallmarkProcess.run(station, "demo", "--count", "1", "--headless",
                    "--data-dir", dataDir, "--lot", "S2");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).contains("HM-100", "station.yaml").doesNotContain(pin);
            assertThat(r.out()).doesNotContain(pin);
        }

        Files.writeString(yaml, "hsm:\n  pin: env:HALLMARK_HSM_PIN\n");
        Map<String, String> env = Map.of("HALLMARK_HSM_PIN", pin, "HALLMARK_PASSWORD", olgaPassword);
        List<String> environments = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        LoggedProcess run = start(station, env, "demo", "--custody", "on-device", "--count", "2", "--headless",
                "--data-dir", dataDir, "--lot", "TPM", "--operator", "olga");
        Process demo = run.process();
        while (!demo.waitFor(20, TimeUnit.MILLISECONDS)) {
            demo.descendants().forEach(p -> {
                if (command(p).endsWith("/jspawnhelper")) {
                    // the JDK's spawn helper holds the parent's own environment until it execs the child (under
                    // a millisecond); what it then execs is sampled as itself
                    return;
                }
                String environ = environ(p.pid());
                if (environ != null) {
                    environments.add(p.pid() + " " + command(p) + "\n" + environ);
                    seen.add(command(p));
                }
            });
        }
        String out = Files.readString(run.log(), StandardCharsets.UTF_8);
        Files.delete(run.log());
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).contains("lot TPM: 2 passed");
        assertThat(seen).as("the child processes were watched")
                .anyMatch(c -> c.contains("java")).anyMatch(c -> c.contains("swtpm"))
                .anyMatch(c -> c.contains("tpm2-abrmd")).anyMatch(c -> c.contains("dbus-daemon"));

        ProcessBuilder withPin = new ProcessBuilder("sleep", "30");
        withPin.environment().put("CARELESS", pin);
        Process careless = withPin.start();
        String plantedEnviron;
        try {
            plantedEnviron = environ(careless.pid());
        } finally {
            careless.destroy();
        }
        assertThat(SecretScanIT.findings(List.of(write(outside, "planted-environ", plantedEnviron)), secrets))
                .containsExactly("HSM user PIN in planted-environ");
        Path environs = write(outside, "child-environments", String.join("\n", environments));
        assertThat(SecretScanIT.findings(List.of(environs), secrets)).as("child environments").isEmpty();

        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(station)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(station.resolve("secrets"))).forEach(files::add);
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("hallmark.log", "hallmark.mv.db");
        Path plantedLog = Files.copy(station.resolve("logs/hallmark.log"), outside.resolve("planted.log"));
        Files.writeString(plantedLog, "pin=" + pin + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(SecretScanIT.findings(List.of(plantedLog), secrets)).containsExactly("HSM user PIN in planted.log");
        assertThat(SecretScanIT.findings(files, secrets)).as("files under the data directory").isEmpty();
    }

    private static LoggedProcess start(Path dataDir, Map<String, String> env, String... args) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", target.resolve("station-app.jar") + ":" + target.resolve("lib") + "/*",
                "dev.hallmark.app.HallmarkMain"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("SOFTHSM2_CONF", dataDir.resolve("softhsm2.conf").toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("HALLMARK_") || k.equals("DISPLAY")
                || k.equals("WAYLAND_DISPLAY"));
        pb.environment().putAll(env);
        Path log = Files.createTempFile("hallmark-child-scan", ".txt");
        pb.redirectOutput(log.toFile());
        return new LoggedProcess(pb.start(), log);
    }

    /** Keeps stdout in a file (a pipe could fill while the test watches /proc) and reads it at the end. */
    private record LoggedProcess(Process process, Path log) {
    }

    private static String environ(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            return new String(raw, StandardCharsets.ISO_8859_1).replace('\0', '\n');
        } catch (IOException | SecurityException gone) {
            return null;
        }
    }

    private static String command(ProcessHandle p) {
        return p.info().command().orElse("?");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text == null ? "" : text, StandardCharsets.ISO_8859_1);
        return file;
    }
}
