package dev.hallmark.hsm.nss;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SharedModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

/**
 * NSS's software token (Debian {@code libnss3}: {@code libsoftokn3.so}) as a station token. Its key database is
 * named in C_Initialize's LibraryParameters, not by an environment variable; the persistent token is labelled
 * {@value #TOKEN_LABEL}; a new database has an empty security-officer PIN and no user PIN until one is set here.
 */
public final class NssSoftoken {

    /** The label of the token that keeps objects in the database (slot 2; slot 1 is crypto-only). */
    public static final String TOKEN_LABEL = "NSS Certificate DB";
    private static final List<Path> MODULES = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libsoftokn3.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/libsoftokn3.so"), Path.of("/usr/lib64/libsoftokn3.so"));
    private static final Logger LOG = LoggerFactory.getLogger(NssSoftoken.class);

    private NssSoftoken() {
    }

    /** The installed softoken module, if any. */
    public static Optional<Path> module() {
        return MODULES.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The LibraryParameters for a database in {@code dbDir} (sql format, no module DB, opened read-write). */
    public static String libraryParameters(Path dbDir) {
        return "configdir='sql:" + dbDir.toAbsolutePath() + "' certPrefix='' keyPrefix='' secmod='secmod.db'"
                + " flags=noModDB,forceOpen";
    }

    /**
     * Creates the database in {@code dbDir} if needed, points the module at it, and sets the user PIN where none is
     * set yet (logging in as security officer with the empty PIN of a new database).
     */
    public static void initialize(Path module, Path dbDir, char[] userPin) throws ProvisioningException {
        try {
            Files.createDirectories(dbDir);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "cannot create the NSS database " + dbDir,
                    e.getMessage(), e);
        }
        ModuleRegistry.libraryParameters(module, libraryParameters(dbDir));
        SharedModule shared = ModuleRegistry.acquire(module);
        try {
            Token token = find(shared).orElseThrow(() -> Pkcs11Errors.tokenNotFound(TOKEN_LABEL, module));
            if (token.getTokenInfo().hasFlagBit(CKF_USER_PIN_INITIALIZED)) {
                return;
            }
            Session s = token.openSession(true);
            try {
                s.login(CKU_SO, new char[0]);
                s.initPIN(userPin);
                s.logout();
            } finally {
                s.closeSession();
            }
            LOG.info("Set the user PIN of NSS token '{}' in {}", TOKEN_LABEL, dbDir);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, "the NSS softoken in " + dbDir, "initialise");
        } finally {
            shared.release();
        }
    }

    private static Optional<Token> find(SharedModule shared) throws PKCS11Exception {
        for (Slot slot : shared.module().getSlotList(true)) {
            Token token = slot.getToken();
            if (TOKEN_LABEL.equals(token.getTokenInfo().getLabel().trim())) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
