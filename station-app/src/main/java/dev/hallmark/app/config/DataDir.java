package dev.hallmark.app.config;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The station's data directory and what lives where in it. Nothing secret is kept outside
 * {@code secrets/} (mode 0700, files 0600).
 */
public record DataDir(Path root) {

    /** The environment variable the launcher sets to the resolved --data-dir. */
    public static final String ENV = "HALLMARK_DATA_DIR";

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    /** --data-dir if given, else $HALLMARK_DATA_DIR, else ~/.local/share/hallmark. */
    public static DataDir resolve(Path option) {
        if (option != null) {
            return new DataDir(option);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new DataDir(Path.of(env));
        }
        return new DataDir(Path.of(System.getProperty("user.home"), ".local", "share", "hallmark"));
    }

    public Path softHsmConf() {
        return root.resolve("softhsm2.conf");
    }

    public Path secrets() {
        return root.resolve("secrets");
    }

    public Path hsmPin() {
        return secrets().resolve("hsm-pin");
    }

    public Path hsmSoPin() {
        return secrets().resolve("hsm-so-pin");
    }

    public Path ca() {
        return root.resolve("ca");
    }

    public Path audit() {
        return root.resolve("audit");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The simulated devices' vendor personalisation: the transport KEK the silicon vendor put in them. */
    public Path simulatorKek() {
        return root.resolve("sim").resolve("vendor-transport-kek");
    }

    /** Creates the directory (and refuses one that is not writable) before anything is put in it. */
    public DataDir create() throws ProvisioningException {
        try {
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw new IOException("not writable");
            }
            return this;
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE,
                    "the data directory " + root + " cannot be used (" + e.getMessage() + ")", null, e);
        }
    }
}
