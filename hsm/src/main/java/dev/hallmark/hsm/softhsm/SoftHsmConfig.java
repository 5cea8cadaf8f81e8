package dev.hallmark.hsm.softhsm;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;

/** The private SoftHSM2 configuration of a data directory and the SOFTHSM2_CONF check that goes with it. */
final class SoftHsmConfig {

    static final String ENV = "SOFTHSM2_CONF";
    static final String FILE_NAME = "softhsm2.conf";
    static final String TOKEN_DIR = "tokens";

    private SoftHsmConfig() {
    }

    static Path confFile(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    static String content(Path dataDir) {
        Path tokens = dataDir.toAbsolutePath().normalize().resolve(TOKEN_DIR);
        return "# Written by Hallmark; SoftHSM2 reads it through " + ENV + ".\n"
                + "directories.tokendir = " + tokens + "\n"
                + "objectstore.backend = file\n"
                + "log.level = ERROR\n";
    }

    /** SoftHSM2 reads SOFTHSM2_CONF once, at C_Initialize; Java cannot set it, so it must already be right. */
    static void requireEnvironment(Path dataDir, UnaryOperator<String> environment) throws ProvisioningException {
        Path expected = confFile(dataDir);
        String actual = environment.apply(ENV);
        if (actual == null || !Path.of(actual).toAbsolutePath().normalize().equals(expected)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "SoftHSM2 reads its configuration from "
                    + ENV + ", which is " + (actual == null ? "not set" : actual) + ": set " + ENV + "=" + expected
                    + " before starting the JVM (the ./hallmark launcher does this).");
        }
    }

    /** Creates the token directory (owner-only) and writes the configuration file if it differs. */
    static void write(Path dataDir) throws ProvisioningException {
        Path conf = confFile(dataDir);
        Path tokens = conf.getParent().resolve(TOKEN_DIR);
        try {
            Files.createDirectories(tokens);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rwx------"));
            }
            String content = content(dataDir);
            if (Files.isRegularFile(conf) && Files.readString(conf, StandardCharsets.UTF_8).equals(content)) {
                return;
            }
            Path temporary = Files.createTempFile(conf.getParent(), FILE_NAME, ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, conf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "The data directory "
                    + conf.getParent() + " cannot hold the SoftHSM2 token.", e.toString(), e);
        }
    }
}
