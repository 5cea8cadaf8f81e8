package dev.hallmark.app.report;

import dev.hallmark.engine.api.SoftwareBuild;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The software that wrote a report: the station's version and build id (as the unit records carry them) and the
 * SHA-256 of the jar it ran from (a development build when it ran from a classes directory).
 */
public record SoftwareVersion(String version, String build) {

    /** The running station's version and build id (as every unit record names them) and the jar's SHA-256. */
    public static SoftwareVersion current() {
        SoftwareBuild build = SoftwareBuild.current();
        return new SoftwareVersion(build.version(), build.buildId() + ", " + jarBuild());
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
