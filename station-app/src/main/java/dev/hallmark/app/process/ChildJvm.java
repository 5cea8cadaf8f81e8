package dev.hallmark.app.process;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.ChildEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM of the station, which runs a command with an environment this JVM cannot give itself (a token's
 * SOFTHSM2_CONF, a TPM's TPM2_PKCS11_STORE): its output is relayed line by line, its exit code returned, and it is
 * killed with everything it started if this JVM is interrupted or shut down.
 */
public final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);

    private ChildJvm() {
    }

    /** This JVM's java launcher. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The JVM options a child takes over: temporary directory, log directory under {@code dir}, logback file. */
    public static List<String> jvmOptions(Path dir) {
        List<String> jvm = new ArrayList<>(List.of("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dhallmark.log.dir=" + dir.resolve("logs")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            jvm.add("-Dlogback.configurationFile=" + logback);
        }
        return jvm;
    }

    /** {@code java jvmOptions -cp classPath main args}. */
    public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code command} with {@code environment} added to this process's (less every variable that holds a
     * password or PIN: {@link ChildEnvironment}; hand a secret over as a 0600 file named by a _FILE variable), relays its output to {@code out} and
     * {@code err} as it comes, and returns its exit code. Interrupted, it kills the child and what it started; if
     * the JVM is shut down meanwhile (Ctrl-C), it kills them too and then runs {@code atShutdown}.
     */
    public static int run(List<String> command, Map<String, String> environment, PrintWriter out, PrintWriter err,
                   Runnable atShutdown) throws ProvisioningException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        ChildEnvironment.scrub(builder.environment());
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the station could not start its child process", e.toString(), e);
        }
        LOG.info("child JVM started (pid {}): {}", child.pid(), String.join(" ", command));
        Thread killer = new Thread(() -> {
            kill(child);
            atShutdown.run();
        }, "kill-child-jvm");
        Runtime.getRuntime().addShutdownHook(killer);
        Thread errors = new Thread(() -> relay(child.getErrorStream(), err), "child-jvm-stderr");
        errors.setDaemon(true);
        errors.start();
        try {
            relay(child.getInputStream(), out);
            int exit = child.waitFor();
            errors.join(TimeUnit.SECONDS.toMillis(5));
            LOG.info("child JVM ended with exit code {}", exit);
            return exit;
        } catch (UncheckedIOException e) {
            kill(child);
            throw new ProvisioningException(ErrorCode.INTERNAL, "the child JVM's output could not be read",
                    e.getCause().toString(), e);
        } catch (InterruptedException e) {
            kill(child);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                LOG.debug("JVM shutting down; the hook stops the child JVM");
            }
        }
    }

    private static void relay(InputStream from, PrintWriter to) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                to.println(line);
                to.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the child and every process it started; they are its descendants while it lives. */
    private static void kill(Process child) {
        List<ProcessHandle> descendants = child.descendants().toList();
        child.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
