package dev.hallmark.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's stm32flash (0.7) as a real AN3155 client; only 8N1 works on a pty. */
final class Stm32Flash {

    static final Path BINARY = Path.of("/usr/bin/stm32flash");

    /** Exit code and everything it printed. */
    record Result(int exitCode, String output) {
    }

    private Stm32Flash() {
    }

    static Result run(String port, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-m", "8n1"));
        command.addAll(List.of(options));
        command.add(port);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("stm32flash did not finish: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }
}
