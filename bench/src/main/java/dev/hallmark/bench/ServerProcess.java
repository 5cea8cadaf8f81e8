package dev.hallmark.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outside program the benchmark starts (cfssl serve, openssl cmp): its output goes to a log file in the
 * workspace, and closing it stops the process (SIGTERM, then SIGKILL); a shutdown hook kills it if the JVM
 * ends first. Also runs the one-shot tools that prepare a server (cfssl gencert and sign).
 */
final class ServerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private ServerProcess(String name, Process process, Path log, Thread killer) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = killer;
    }

    /** Starts {@code command} in {@code dir}, its output to {@code dir/<name>.log}. */
    static ServerProcess start(String name, Path dir, List<String> command) throws ProvisioningException {
        Path log = dir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            Thread killer = new Thread(process::destroyForcibly, "kill-" + name);
            Runtime.getRuntime().addShutdownHook(killer);
            LOG.info("started {} (pid {}): {}", name, process.pid(), String.join(" ", command));
            return new ServerProcess(name, process, log, killer);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the benchmark could not start " + name
                    + " (" + command.get(0) + ")", e.getMessage(), e);
        }
    }

    /** Runs a preparing tool in {@code dir} to its end and returns its standard output; fails on a non-zero exit. */
    static String run(Path dir, List<String> command) throws ProvisioningException, InterruptedException {
        try {
            Path err = Files.createTempFile(dir, "tool", ".err");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, String.join(" ", command)
                        + " did not finish within " + TOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, String.join(" ", command) + " failed",
                        "exit " + process.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8).strip(), null);
            }
            Files.delete(err);
            return out;
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the benchmark could not run "
                    + String.join(" ", command), e.getMessage(), e);
        }
    }

    /** A TCP port free on the loopback interface right now. */
    static int freeLoopbackPort() throws ProvisioningException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "no loopback port is free for a CA server",
                    e.getMessage(), e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A plain sentence for when the server did not come up: its exit status and the end of its log. */
    String whyNotReady() {
        String tail;
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            tail = "(no log: " + e.getMessage() + ")";
        }
        return (process.isAlive() ? name + " is running" : name + " exited " + process.exitValue()) + ", its log ("
                + log + ", kept with --keep) ends: " + tail;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            LOG.debug("JVM shutting down; the hook kills {} anyway", name);
        }
        LOG.info("stopped {}", name);
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
