package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;

/**
 * A PKCS#11 module shared inside this JVM: reference-counted C_Initialize / C_Finalize, and reference-counted
 * user login per token (login state belongs to the process, not to a session).
 */
public final class SharedModule {

    private static final Logger LOG = LoggerFactory.getLogger(SharedModule.class);

    private final Path path;
    private final PKCS11Module module;
    private final Map<String, UserLogin> logins = new HashMap<>();
    private int references;
    private boolean initializedHere;
    private String libraryParameters;

    SharedModule(Path path, PKCS11Module module) {
        this.path = path;
        this.module = module;
    }

    /** The wrapper's module object; do not initialise or finalise it directly. */
    public PKCS11Module module() {
        return module;
    }

    /** The library path as configured. */
    public Path path() {
        return path;
    }

    synchronized void libraryParameters(String parameters) {
        this.libraryParameters = parameters == null || parameters.isBlank() ? null : parameters;
    }

    synchronized void retain() throws ProvisioningException {
        if (references == 0) {
            try {
                if (libraryParameters != null) {
                    LibraryParameters.initialize(module, libraryParameters);
                } else {
                    module.initialize();
                }
                initializedHere = true;
                LOG.info("Initialised PKCS#11 module {}", path);
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                    throw Pkcs11Errors.map(e, "The PKCS#11 module " + path, "initialise");
                }
                initializedHere = false;
                LOG.warn("PKCS#11 module {} was already initialised by other code in this JVM", path);
            }
        }
        references++;
    }

    /** Gives back one reference; the last one finalises the module (if this registry initialised it). */
    public synchronized void release() {
        if (references == 0) {
            return;
        }
        references--;
        if (references == 0) {
            logins.clear();
            if (initializedHere) {
                try {
                    module.finalize(null);
                    LOG.info("Finalised PKCS#11 module {}", path);
                } catch (PKCS11Exception e) {
                    LOG.warn("C_Finalize of {} failed: {}", path, Pkcs11Errors.ckrName(e.getErrorCode()));
                }
            }
        }
    }

    /**
     * Logs the user in to the token {@code tokenKey} names (see {@link TokenConnection}) through {@code session}.
     * If this JVM is already logged in there, the PIN is checked against the one that logged in, because the
     * token itself would not check it again.
     */
    public synchronized void loginUser(Session session, String tokenKey, char[] pin, String tokenLabel)
            throws ProvisioningException {
        UserLogin login = logins.get(tokenKey);
        if (login != null) {
            requireSamePin(login, pin, tokenLabel);
            login.count++;
            return;
        }
        try {
            session.login(CKU_USER, pin);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), "log in the user");
            }
            relogin(session, pin, tokenLabel);
        }
        logins.put(tokenKey, new UserLogin(pin));
    }

    /**
     * Logs the user in again after the token lost the login this JVM holds (closed sessions, reinserted token).
     * Another station of this JVM may have done so already; then the PIN is only compared.
     */
    public synchronized void loginAgain(Session session, String tokenKey, char[] pin, String tokenLabel)
            throws ProvisioningException {
        UserLogin login = logins.get(tokenKey);
        if (login != null) {
            requireSamePin(login, pin, tokenLabel);
        }
        try {
            session.login(CKU_USER, pin);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), "log in the user again");
            }
        }
        if (login == null) {
            logins.put(tokenKey, new UserLogin(pin));
        }
    }

    private static void requireSamePin(UserLogin login, char[] pin, String tokenLabel) throws ProvisioningException {
        if (!login.matches(pin)) {
            throw new ProvisioningException(ErrorCode.HSM_PIN_INCORRECT, Pkcs11Errors.token(tokenLabel)
                    + " is already in use by this station with a different user PIN.", "PIN mismatch", null);
        }
    }

    /** A stale login from code outside this registry: log out and in again so the PIN is really checked. */
    private static void relogin(Session session, char[] pin, String tokenLabel) throws ProvisioningException {
        try {
            session.logout();
            session.login(CKU_USER, pin);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), "log in the user");
        }
    }

    /** Gives back one login; the last one logs the user out of the token. */
    public synchronized void logoutUser(Session session, String tokenKey) {
        UserLogin login = logins.get(tokenKey);
        if (login == null) {
            return;
        }
        if (--login.count > 0) {
            return;
        }
        logins.remove(tokenKey);
        try {
            session.logout();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_USER_NOT_LOGGED_IN) {
                LOG.warn("C_Logout of token {} in {} failed: {}", tokenKey, path, Pkcs11Errors.ckrName(e.getErrorCode()));
            }
        }
    }

    /** Whether this JVM holds a user login on the token. */
    public synchronized boolean isUserLoggedIn(String tokenKey) {
        return logins.containsKey(tokenKey);
    }

    private static final class UserLogin {
        private final PinVerifier verifier;
        private int count = 1;

        UserLogin(char[] pin) {
            this.verifier = PinVerifier.of(pin);
        }

        boolean matches(char[] pin) {
            return verifier.matches(pin);
        }
    }
}
