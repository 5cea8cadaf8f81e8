package dev.hallmark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell pipeline of standard tools the station is compared with ({@code scripts/baseline-pipeline.sh}: pkcs11-tool,
 * OpenSSL's pkcs11 engine, {@code openssl x509}, sqlite3), run in the same bench run; its units per second.
 */
final class BaselinePipeline {

    /** Names the script when it is not beside the station's build (station-app/target/../../scripts). */
    static final String SCRIPT_ENV = "HALLMARK_BASELINE_SCRIPT";

    private static final Logger LOG = LoggerFactory.getLogger(BaselinePipeline.class);
    private static final Pattern RATE = Pattern.compile("units_per_s=([0-9.]+)");

    private BaselinePipeline() {
    }

    /** Units per second of {@code units} units in {@code workDir}, or empty (said why) when it cannot be measured. */
    static Optional<Double> measure(int units, Path workDir, java.util.function.Consumer<String> say) {
        Optional<Path> script = script();
        if (script.isEmpty()) {
            say.accept("pipeline: not measured: scripts/baseline-pipeline.sh not found (set " + SCRIPT_ENV + ")");
            return Optional.empty();
        }
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder("bash", script.get().toString(), "--units", String.valueOf(units),
                    "--work-dir", workDir.toString());
            Map<String, String> env = pb.environment();
            env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
            pb.redirectErrorStream(true);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                say.accept("pipeline: not measured: the script failed: " + output.strip());
                return Optional.empty();
            }
            Matcher m = RATE.matcher(output);
            if (!m.find()) {
                say.accept("pipeline: not measured: no units_per_s in " + output.strip());
                return Optional.empty();
            }
            say.accept(output.strip());
            return Optional.of(Double.parseDouble(m.group(1)));
        } catch (IOException e) {
            LOG.warn("the baseline pipeline could not run", e);
            say.accept("pipeline: not measured: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> script() {
        String named = System.getenv(SCRIPT_ENV);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isReadable);
        }
        try {
            Path code = Path.of(BaselinePipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // station-app/target/station-app.jar or station-app/target/classes: the repository is two levels up
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("scripts/baseline-pipeline.sh");
                if (Files.isReadable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            LOG.debug("the station's code location is unknown", e);
        }
        return Optional.empty();
    }
}
