package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * One loaded PKCS#11 module per library file in this JVM. A module may be C_Initialize'd only once per process,
 * so every station, token initialiser and tool shares the instance and the last one to release it finalises it.
 */
public final class ModuleRegistry {

    private static final Map<Path, SharedModule> MODULES = new HashMap<>();
    private static final Map<Path, String> PARAMETERS = new HashMap<>();

    private ModuleRegistry() {
    }

    /**
     * Sets the text C_Initialize hands the module at {@code path} in CK_C_INITIALIZE_ARGS.pReserved (PKCS#11's
     * LibraryParameters): NSS softoken takes its database there. Most modules refuse a non-NULL value, so it is only
     * passed to a module it was configured for. Takes effect at the module's next initialisation in this JVM.
     */
    public static void libraryParameters(Path path, String parameters) throws ProvisioningException {
        Path key;
        try {
            key = path.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw Pkcs11Errors.moduleMissing(path, e);
        }
        synchronized (MODULES) {
            if (parameters == null || parameters.isBlank()) {
                PARAMETERS.remove(key);
            } else {
                PARAMETERS.put(key, parameters);
            }
            SharedModule shared = MODULES.get(key);
            if (shared != null) {
                shared.libraryParameters(parameters);
            }
        }
    }

    /** Loads (once) and initialises (if nobody holds it) the module at {@code path}; release it when done. */
    public static SharedModule acquire(Path path) throws ProvisioningException {
        WrapperLogBridge.install();
        Path file = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw Pkcs11Errors.moduleMissing(file, null);
        }
        Path key;
        try {
            key = file.toRealPath();
        } catch (IOException e) {
            throw Pkcs11Errors.moduleMissing(file, e);
        }
        SharedModule shared;
        synchronized (MODULES) {
            shared = MODULES.get(key);
            if (shared == null) {
                shared = new SharedModule(file, load(file, key));
                MODULES.put(key, shared);
            }
            shared.libraryParameters(PARAMETERS.get(key));
        }
        shared.retain();
        return shared;
    }

    private static PKCS11Module load(Path file, Path realFile) throws ProvisioningException {
        try {
            return PKCS11Module.getInstance(realFile.toString());
        } catch (IOException | UnsatisfiedLinkError e) {
            throw Pkcs11Errors.moduleMissing(file, e);
        }
    }
}
