package dev.hallmark.hsm.softhsm;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.Slots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * The embedded default HSM: a SoftHSM2 token kept in the station's data directory. The token is initialised
 * through PKCS#11 (C_InitToken, C_InitPIN), never by softhsm2-util, so no PIN ever appears in process arguments.
 */
public final class SoftHsmToken {

    private static final Logger LOG = LoggerFactory.getLogger(SoftHsmToken.class);
    private static final int LABEL_BYTES = 32;

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
        char[] paddedLabel = paddedLabel(label);
        SoftHsmConfig.requireEnvironment(dataDir, System::getenv);
        SoftHsmConfig.write(dataDir);
        SharedModule shared = ModuleRegistry.acquire(module);
        try {
            if (Slots.tokenByLabel(shared, label).isPresent()) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                        "A SoftHSM2 token labelled '" + label + "' already exists in " + dataDir + ".");
            }
            Slot slot = Slots.freeSlot(shared).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.HSM_TOKEN_NOT_FOUND, "SoftHSM2 offers no free slot for a new token in " + dataDir + "."));
            String subject = "The SoftHSM2 token '" + label + "'";
            try {
                shared.module().getPKCS11Module().C_InitToken(slot.getSlotID(), soPin, paddedLabel, true);
            } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
                throw Pkcs11Errors.map(shared.module().convertException(e), subject, "be initialised");
            }
            try {
                setUserPin(slot, soPin, userPin);
            } catch (PKCS11Exception e) {
                throw Pkcs11Errors.map(e, subject, "set its user PIN");
            }
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

    private static void setUserPin(Slot slot, char[] soPin, char[] userPin) throws PKCS11Exception {
        Session session = slot.getToken().openSession(true);
        try {
            session.login(CKU_SO, soPin);
            try {
                session.initPIN(userPin);
            } finally {
                session.logout();
            }
        } finally {
            session.closeSession();
        }
    }

    /** PKCS#11 labels are 32 bytes, blank-padded. */
    static char[] paddedLabel(String label) {
        int bytes = label == null ? 0 : label.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > LABEL_BYTES || !label.strip().equals(label)) {
            throw new IllegalArgumentException("a token label has 1 to 32 bytes and no surrounding blanks: '"
                    + label + "'");
        }
        char[] padded = new char[label.length() + LABEL_BYTES - bytes];
        Arrays.fill(padded, ' ');
        label.getChars(0, label.length(), padded, 0);
        return padded;
    }
}
