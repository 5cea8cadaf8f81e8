package dev.hallmark.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the packaged station (target/station-app.jar with target/lib) in a child JVM, as the ./hallmark
 * launcher does: SOFTHSM2_CONF pointing into the data directory, output captured.
 */
public final class HallmarkProcess {

    /** How a run ended. */
    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private HallmarkProcess() {
    }

    /** A fresh directory on the tests' tmpfs. */
    public static Path freshDir(String name) throws IOException {
        Path dir = Path.of(System.getProperty("hallmark.it.dir", "/dev/shm/hallmark-it"), "station-app", name);
        delete(dir);
        Files.createDirectories(dir);
        return dir;
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static Result run(Path dataDir, String... args) throws IOException, InterruptedException {
        return run(dataDir, java.util.Map.of(), args);
    }

    /** The admin password a first start showed once on stdout. */
    static String adminPassword(Result firstStart) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("created operator 'admin' with the password (\\S+) ")
                .matcher(firstStart.out());
        if (!m.find()) {
            throw new AssertionError("no admin password was shown: " + firstStart);
        }
        return m.group(1);
    }

    /** The environment that signs in as {@code operator} with the password in a 0600 file. */
    static java.util.Map<String, String> signedIn(Path dir, String operator, String password) throws IOException {
        Path file = dir.resolve("pw-" + operator);
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password);
        return java.util.Map.of("HALLMARK_PASSWORD_FILE", file.toString());
    }

    /** Runs with extra environment variables (password files for sign-in). */
    static Result run(Path dataDir, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path target = Path.of("target").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", target.resolve("station-app.jar") + ":" + target.resolve("lib") + "/*",
                "dev.hallmark.app.HallmarkMain"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SOFTHSM2_CONF", dataDir.resolve("softhsm2.conf").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("HALLMARK_DATA_DIR");
        pb.environment().keySet().removeIf(k -> k.startsWith("HALLMARK_PASSWORD") || k.startsWith("HALLMARK_APPROVER"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("hallmark-out", ".txt");
        Path err = Files.createTempFile("hallmark-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("hallmark " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
