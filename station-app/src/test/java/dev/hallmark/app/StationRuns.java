package dev.hallmark.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The resume and lot tests' view of the station from outside: {@code hallmark} runs with extra environment (the
 * crash point), {@code hallmark sim} as a separate process whose devices outlive the station, and the records the
 * embedded CA and the audit export leave.
 */
final class StationRuns {

    private StationRuns() {
    }

    /** Runs hallmark in its own JVM with {@code env} added; waits for it to end (or be killed). */
    static HallmarkProcess.Result run(Path dataDir, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        return finish(start(dataDir, env, args), args);
    }

    /** Starts hallmark in its own JVM; stdout is captured to a file the result reads. */
    static Process start(Path dataDir, Map<String, String> env, List<String> args) throws IOException {
        return start(dataDir, env, List.of(), "dev.hallmark.app.HallmarkMain", args);
    }

    /**
     * Starts {@code mainClass} (HallmarkMain, or a test's own main: the test classes are on the class path) in its
     * own JVM with {@code jvmOptions}; stdout is captured to a file the result reads.
     */
    static Process start(Path dataDir, Map<String, String> env, List<String> jvmOptions, String mainClass,
                         List<String> args) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", target.resolve("station-app.jar") + ":" + target.resolve("lib") + "/*:"
                + target.resolve("test-classes"), mainClass));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SOFTHSM2_CONF", dataDir.resolve("softhsm2.conf").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("HALLMARK_DATA_DIR");
        pb.environment().remove("HALLMARK_CRASH_AT");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("hallmark-out", ".txt");
        Path err = Files.createTempFile("hallmark-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        OUTPUTS.put(p, new Path[] {out, err});
        return p;
    }

    private static final Map<Process, Path[]> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits for a started run and reads what it printed. */
    static HallmarkProcess.Result finish(Process p, List<String> args) throws IOException, InterruptedException {
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("hallmark " + String.join(" ", args) + " did not finish in 3 minutes");
        }
        Path[] files = OUTPUTS.remove(p);
        HallmarkProcess.Result r = new HallmarkProcess.Result(p.exitValue(),
                Files.readString(files[0], StandardCharsets.UTF_8), Files.readString(files[1], StandardCharsets.UTF_8));
        Files.delete(files[0]);
        Files.delete(files[1]);
        return r;
    }

    /** Writes the simulated devices' transport KEK into the data directory, as the station expects it (0600). */
    static Path simulatorKek(Path dataDir) throws IOException {
        Path sim = Files.createDirectories(dataDir.resolve("sim"));
        Files.setPosixFilePermissions(sim, PosixFilePermissions.fromString("rwx------"));
        Path kek = sim.resolve("vendor-transport-kek");
        byte[] value = new byte[32];
        new SecureRandom().nextBytes(value);
        Files.write(kek, value);
        Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-------"));
        return kek;
    }

    /** {@code hallmark sim} in its own process, personalised with the KEK file; its devices' paths. */
    record Sim(Process process, List<String> paths) implements AutoCloseable {
        static Sim start(int count, Path kek) throws IOException {
            Path target = Path.of("target").toAbsolutePath();
            Process sim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    target.resolve("station-app.jar") + ":" + target.resolve("lib") + "/*",
                    "dev.hallmark.app.HallmarkMain", "sim", "--target", "stm32f4", "--count", Integer.toString(count),
                    "--kek-file", kek.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String line = out.readLine();
                if (line == null || !line.startsWith("READY ")) {
                    sim.destroyForcibly();
                    throw new IllegalStateException("hallmark sim did not get ready: " + line);
                }
                paths.add(line.substring("READY ".length()));
            }
            return new Sim(sim, List.copyOf(paths));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The units of a lot as the audit export (jsonl) gives them. */
    static List<JsonNode> export(Path dataDir, String lot) throws IOException, InterruptedException {
        HallmarkProcess.Result export = HallmarkProcess.run(dataDir, "audit", "export", "--data-dir",
                dataDir.toString(), "--format", "jsonl", "--lot", lot);
        if (export.exit() != 0) {
            throw new IllegalStateException(export.toString());
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> units = new ArrayList<>();
        for (String line : export.lines()) {
            units.add(json.readTree(line));
        }
        return units;
    }

    /** JSON lines of a run's stdout. */
    static List<JsonNode> jsonLines(HallmarkProcess.Result result) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.lines()) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    /**
     * The certificates the embedded CA issued and did not revoke, by subject serialNumber, from its own logs
     * (issued.log: sha256 and subject; revoked.log: certificate serial): what a relying party would still trust.
     */
    static Map<String, List<String>> unrevokedBySerial(Path dataDir) throws IOException {
        List<String> revoked = Files.exists(dataDir.resolve("ca/revoked.log"))
                ? Files.readAllLines(dataDir.resolve("ca/revoked.log")).stream().filter(l -> !l.startsWith("#"))
                        .map(l -> l.split("\t")[1]).toList()
                : List.of();
        Map<String, List<String>> live = new HashMap<>();
        for (String line : Files.readAllLines(dataDir.resolve("ca/issued.log"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String subject = f[4];
            int at = subject.indexOf("SERIALNUMBER=");
            if (at < 0 || revoked.contains(f[1])) {
                continue;
            }
            String serial = subject.substring(at + "SERIALNUMBER=".length()).split(",")[0].trim();
            live.computeIfAbsent(serial, s -> new ArrayList<>()).add(f[2]);
        }
        return live;
    }
}
