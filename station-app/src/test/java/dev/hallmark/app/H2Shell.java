package dev.hallmark.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL on a station's H2 file in a child JVM (H2's own Shell), as an outside auditor or tamperer would, so the
 * test JVM never holds the database the station processes open after it.
 */
final class H2Shell {

    private H2Shell() {
    }

    /** The Shell's output for {@code sql} on the H2 database {@code dataDir/audit/hallmark}. */
    static String run(Path dataDir, String sql) throws IOException, InterruptedException {
        String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", h2, "org.h2.tools.Shell", "-url", "jdbc:h2:file:" + dataDir.resolve("audit").resolve("hallmark"),
                "-user", "sa", "-password", "", "-sql", sql)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0 || out.startsWith("Error:")) {
            throw new IllegalStateException("H2 Shell failed: " + out);
        }
        return out;
    }
}
