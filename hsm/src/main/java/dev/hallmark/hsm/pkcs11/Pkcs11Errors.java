package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CURVE_NOT_SUPPORTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_REMOVED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DOMAIN_PARAMS_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_EXPIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INCORRECT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LEN_RANGE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_CLOSED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SLOT_ID_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * The one place where PKCS#11 failures become {@link ProvisioningException}s: a stable code, one plain sentence
 * naming the part, and the CKR name as the raw detail.
 */
public final class Pkcs11Errors {

    private Pkcs11Errors() {
    }

    /** The module file is missing or the dynamic loader refused it. */
    public static ProvisioningException moduleMissing(Path module, Throwable cause) {
        String detail = cause == null ? "no such file" : cause.getMessage();
        return new ProvisioningException(ErrorCode.HSM_MODULE_MISSING,
                "The PKCS#11 module " + module + " is missing or cannot be loaded.", detail, cause);
    }

    /** No initialised token matches the selector. */
    public static ProvisioningException tokenNotFound(TokenSelector token, Path module) {
        return new ProvisioningException(ErrorCode.HSM_TOKEN_NOT_FOUND,
                "No HSM token " + token.describe() + " is present in the PKCS#11 module " + module + ".");
    }

    /** No initialised token carries the label. */
    public static ProvisioningException tokenNotFound(String label, Path module) {
        return new ProvisioningException(ErrorCode.HSM_TOKEN_NOT_FOUND,
                "No HSM token labelled '" + label + "' is present in the PKCS#11 module " + module + ".");
    }

    /**
     * Maps a PKCS#11 failure of {@code subject} (for example "The HSM token 'station'") while trying to
     * {@code action} (for example "sign with key 'unit-42'"). PIN errors are never retried by this module.
     */
    public static ProvisioningException map(TokenException e, String subject, String action) {
        if (!(e instanceof PKCS11Exception p11)) {
            return new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED,
                    subject + " could not " + action + ".", e.getMessage(), e);
        }
        long code = p11.getErrorCode();
        String raw = ckrName(code);
        if (code == CKR_PIN_INCORRECT || code == CKR_PIN_INVALID || code == CKR_PIN_LEN_RANGE) {
            return new ProvisioningException(ErrorCode.HSM_PIN_INCORRECT,
                    subject + " rejected the PIN to " + action + ".", raw, e);
        }
        if (code == CKR_PIN_LOCKED || code == CKR_PIN_EXPIRED) {
            return new ProvisioningException(ErrorCode.HSM_PIN_LOCKED,
                    subject + " has locked the PIN needed to " + action + ".", raw, e);
        }
        if (code == CKR_MECHANISM_INVALID || code == CKR_DOMAIN_PARAMS_INVALID || code == CKR_CURVE_NOT_SUPPORTED) {
            return new ProvisioningException(ErrorCode.HSM_MECHANISM_UNSUPPORTED,
                    subject + " does not support the mechanism needed to " + action + ".", raw, e);
        }
        return new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, subject + " could not " + action + ".", raw, e);
    }

    /**
     * The token lost this station's sessions or its login (closed sessions, logged out, removed or reinserted):
     * reconnecting, by finding the token again and logging in, can make the operation work.
     */
    public static boolean isConnectionLost(TokenException e) {
        if (!(e instanceof PKCS11Exception p11)) {
            return false;
        }
        long code = p11.getErrorCode();
        return isSessionFatal(e) || code == CKR_USER_NOT_LOGGED_IN || code == CKR_SLOT_ID_INVALID;
    }

    /** The token lacks a mechanism a key spec needs: HSM_MECHANISM_UNSUPPORTED with a plain sentence. */
    public static ProvisioningException mechanismMissing(String subject, String what, long mechanism) {
        String name = PKCS11Constants.ckmCodeToName(mechanism);
        return new ProvisioningException(ErrorCode.HSM_MECHANISM_UNSUPPORTED, subject + " cannot " + what
                + ": it does not offer the mechanism " + name + ".", name + " missing", null);
    }

    /** The failure left the session unusable; the pool must close it instead of reusing it. */
    public static boolean isSessionFatal(TokenException e) {
        if (!(e instanceof PKCS11Exception p11)) {
            return false;
        }
        long code = p11.getErrorCode();
        return code == CKR_SESSION_HANDLE_INVALID || code == CKR_SESSION_CLOSED
                || code == CKR_DEVICE_REMOVED || code == CKR_TOKEN_NOT_PRESENT;
    }

    /** The subject phrase used in messages about a token. */
    public static String token(String label) {
        return "The HSM token '" + label + "'";
    }

    /** The CKR_ name of a return value, or its hex value when the name is unknown. */
    public static String ckrName(long code) {
        String name = PKCS11Constants.ckrCodeToName(code);
        return name == null ? "CKR_0x" + Long.toHexString(code) : name;
    }
}
