package dev.hallmark.app.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The software that wrote a report: the station's Maven version and, as its build, the SHA-256 of the jar it ran
 * from (a development build when it ran from a classes directory), so a lab can tie a report to a build.
 */
public record SoftwareVersion(String version, String build) {

    private static final String POM = "/META-INF/maven/dev.hallmark/station-app/pom.properties";

    /** The running station's version and build. */
    public static SoftwareVersion current() {
        String version = "unknown";
        try (InputStream in = SoftwareVersion.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException e) {
            version = "unknown (" + e.getMessage() + ")";
        }
        return new SoftwareVersion(version, jarBuild());
    }

    private static String jarBuild() {
        try {
            Path from = Path.of(SoftwareVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(from)) {
                return "development build (classes directory)";
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(from), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return from.getFileName() + " sha256 " + HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | SecurityException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
