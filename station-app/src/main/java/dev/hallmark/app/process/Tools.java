package dev.hallmark.app.process;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Outside programs the station starts: found on the PATH, or refused with the Debian package that installs them. */
public final class Tools {

    private Tools() {
    }

    /** The program on this process's PATH, if any. */
    public static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, tool);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Fails with a plain sentence naming {@code user} ("the CA benchmark") where {@code tool} is not on the PATH. */
    public static void require(String tool, String debianPackage, String user) throws ProvisioningException {
        if (onPath(tool).isEmpty()) {
            throw missing(tool, debianPackage, user);
        }
    }

    /** The refusal of {@link #require}: {@code user} needs {@code tool} from {@code debianPackage}. */
    public static ProvisioningException missing(String tool, String debianPackage, String user) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, user + " needs '" + tool + "' (Debian package "
                + debianPackage + "), which is not installed here");
    }
}
