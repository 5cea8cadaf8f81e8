package dev.hallmark.hsm.softhsm;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.Slots;
import dev.hallmark.hsm.pkcs11.TokenInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default HSM: a SoftHSM2 token kept in the station's data directory. The token is initialised
 * through PKCS#11 (C_InitToken, C_InitPIN), never by softhsm2-util, so no PIN ever appears in process arguments.
 */
public final class SoftHsmToken {

    private static final Logger LOG = LoggerFactory.getLogger(SoftHsmToken.class);

    private SoftHsmToken() {
    }

    /** Debian's SoftHSM2 module. */
    public static Path defaultModule() {
        return Path.of("/usr/lib/softhsm/libsofthsm2.so");
    }

    /** The configuration file SOFTHSM2_CONF must name for {@code dataDir}. */
    public static Path confFile(Path dataDir) {
        return SoftHsmConfig.confFile(dataDir);
    }

    /** Initialises a token labelled {@code label} in {@code dataDir} with the default module. */
    public static void initialize(Path dataDir, String label, char[] soPin, char[] userPin) throws ProvisioningException {
        initialize(defaultModule(), dataDir, label, soPin, userPin);
    }

    /** Writes the configuration, then initialises the token on SoftHSM2's free slot and sets its user PIN. */
    public static void initialize(Path module, Path dataDir, String label, char[] soPin, char[] userPin)
            throws ProvisioningException {
        TokenInitializer.paddedLabel(label);
        SoftHsmConfig.requireEnvironment(dataDir, System::getenv);
        SoftHsmConfig.write(dataDir);
        SharedModule shared = ModuleRegistry.acquire(module);
        try {
            TokenInitializer.initialize(shared, "SoftHSM2 token", label, soPin, userPin);
            LOG.info("Initialised SoftHSM2 token '{}' in {}", label, dataDir);
        } finally {
            shared.release();
        }
    }

    /**
     * Whether {@code dataDir} already holds a token labelled {@code label}: false if it has no SoftHSM2
     * configuration yet, CONFIG_INVALID if it has one but SOFTHSM2_CONF names another file.
     */
    public static boolean exists(Path dataDir, String label) throws ProvisioningException {
        return exists(defaultModule(), dataDir, label);
    }

    /** As {@link #exists(Path, String)} with another module path. */
    public static boolean exists(Path module, Path dataDir, String label) throws ProvisioningException {
        if (!Files.isRegularFile(confFile(dataDir))) {
            return false;
        }
        SoftHsmConfig.requireEnvironment(dataDir, System::getenv);
        SharedModule shared = ModuleRegistry.acquire(module);
        try {
            return Slots.tokenByLabel(shared, label).isPresent();
        } finally {
            shared.release();
        }
    }
}
