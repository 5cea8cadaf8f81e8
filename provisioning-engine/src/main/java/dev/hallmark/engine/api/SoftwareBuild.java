package dev.hallmark.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which software made a record: the Maven project version and the build id (the git commit the build was made from,
 * {@value #UNKNOWN} when it was built without git). Every unit record carries it in its audit chain.
 *
 * @param version the project version, e.g. {@code 0.1.0}
 * @param buildId the build id, e.g. {@code 23127f0c1a2b} or {@code 23127f0c1a2b-dirty}; {@value #UNKNOWN} without git
 */
public record SoftwareBuild(String version, String buildId) {

    /** The build id of a build made without git (a source tarball). */
    public static final String UNKNOWN = "unknown";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final SoftwareBuild CURRENT = load();

    public SoftwareBuild {
        check("version", version);
        check("build id", buildId);
    }

    /** The build this code was compiled in, read from the engine's filtered {@code build.properties}. */
    public static SoftwareBuild current() {
        return CURRENT;
    }

    /** One line for people and for the audit chain: {@code hallmark <version> build <id>}. */
    public String line() {
        return "hallmark " + version + " build " + buildId;
    }

    private static void check(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("a software " + what + " is 1 to 64 letters, digits or ._+-, not '"
                    + value + "'");
        }
    }

    private static SoftwareBuild load() {
        Properties p = new Properties();
        try (InputStream in = SoftwareBuild.class.getResourceAsStream("/dev/hallmark/engine/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the engine's build.properties", e);
        }
        return new SoftwareBuild(resolved(p.getProperty("version")), resolved(p.getProperty("build")));
    }

    /** A filtered value, or {@value #UNKNOWN} where the build left it unset or unresolved. */
    static String resolved(String value) {
        if (value == null || value.isBlank() || value.contains("${") || !TOKEN.matcher(value.trim()).matches()) {
            return UNKNOWN;
        }
        return value.trim();
    }
}
