package dev.hallmark.fuse.swd;

import dev.hallmark.engine.crypto.ChildEnvironment;
import dev.hallmark.engine.port.LockObservation;
import dev.hallmark.engine.port.LockObservation.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks OpenOCD to read four words of flash through the fixture's SWD probe. Under readout protection a debugger's
 * flash read fails (bus error); words read back contradict the lock; no answer (no probe, no target, OpenOCD not
 * installed, a timeout) leaves the lock not witnessed. The command line is built from {@link ProbeSettings} only
 * and OpenOCD inherits no secret ({@link ChildEnvironment}).
 */
public final class OpenOcdWitness {

    /** What OpenOCD's output shows. */
    public enum Verdict {
        /** The flash read failed on the target: the lock holds as seen from the debug port. */
        REFUSED,
        /** Words came back: the debug port reads flash, whatever the serial line said. */
        READ,
        /** No conclusion: no probe, no target, no OpenOCD, or output not understood. */
        NO_ANSWER
    }

    private static final Logger log = LoggerFactory.getLogger(OpenOcdWitness.class);
    private static final Pattern NOT_CONNECTED = Pattern.compile("(?i)(open failed|unable to connect|init mode failed"
            + "|no device found|couldn't open|can't find|not found|no such file|error connecting dp|target not examined"
            + "|timed out)");
    private static final Pattern REFUSED = Pattern.compile("(?i)(failed to read memory|error reading target"
            + "|sticky error|read.*(bus|access) (error|fault)|memory read failed)");

    private final ProbeSettings settings;

    public OpenOcdWitness(ProbeSettings settings) {
        this.settings = settings;
    }

    /** {@code openocd -f ADAPTER [-c "adapter serial S"] -f TARGET -c init -c "mdw ADDRESS 4" -c shutdown}. */
    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(settings.openocd(), "-f", settings.adapter()));
        if (settings.serial() != null && !settings.serial().isBlank()) {
            command.addAll(List.of("-c", "adapter serial " + settings.serial()));
        }
        command.addAll(List.of("-f", settings.target(), "-c", "init", "-c", "mdw " + hex(settings.address()) + " 4",
                "-c", "shutdown"));
        return command;
    }

    /** Runs OpenOCD and reports what it saw as one lock observation. */
    public LockObservation witness() {
        String request = "SWD mdw " + hex(settings.address()) + " (OpenOCD, " + settings.adapter() + ")";
        String output;
        int exit;
        Path capture = null;
        try {
            capture = Files.createTempFile("hallmark-openocd", ".log");
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(capture.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            ChildEnvironment.scrub(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return notWitnessed(request, "no answer within " + settings.timeout().toSeconds() + " s");
            }
            exit = process.exitValue();
            output = Files.readString(capture, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return notWitnessed(request, "OpenOCD could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notWitnessed(request, "interrupted");
        } finally {
            deleteQuietly(capture);
        }
        Verdict verdict = parse(output, settings.address());
        log.info("debug probe witness: {} (exit {}): {}", verdict, exit, output.strip().replace('\n', '|'));
        return switch (verdict) {
            case REFUSED -> new LockObservation(Kind.WITNESS, request, "flash read refused on the debug port", true);
            case READ -> new LockObservation(Kind.CONTRADICTION, request, "flash words read on the debug port: the "
                    + "device is not read-protected", false);
            case NO_ANSWER -> notWitnessed(request, "no conclusion from OpenOCD (exit " + exit + ")");
        };
    }

    /** The verdict in OpenOCD's combined output for a read at {@code address}. */
    public static Verdict parse(String output, long address) {
        Pattern words = Pattern.compile("(?im)^\\s*0x0*" + Long.toHexString(address).toLowerCase(Locale.ROOT)
                + ":\\s+[0-9a-f]{8}\\b");
        if (words.matcher(output.toLowerCase(Locale.ROOT)).find()) {
            return Verdict.READ;
        }
        if (NOT_CONNECTED.matcher(output).find()) {
            return Verdict.NO_ANSWER;
        }
        return REFUSED.matcher(output).find() ? Verdict.REFUSED : Verdict.NO_ANSWER;
    }

    /** The observation of a witness that was not had. */
    public static LockObservation notWitnessed(String request, String why) {
        return new LockObservation(Kind.WITNESS, request, "lock not witnessed: " + why, false);
    }

    private static String hex(long address) {
        return String.format("0x%08X", address);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("temporary OpenOCD log {} not removed: {}", file, e.getMessage());
            }
        }
    }
}
