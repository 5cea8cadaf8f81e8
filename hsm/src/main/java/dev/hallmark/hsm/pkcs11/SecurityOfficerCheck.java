package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;

/**
 * Proves that whoever runs a break-glass action holds the token's security officer PIN: a read-write session and
 * C_Login as the SO, then logout. Nothing else is done as the SO. The PIN is the caller's to wipe.
 */
public final class SecurityOfficerCheck {

    private SecurityOfficerCheck() {
    }

    /** Returns if the token accepts the SO PIN; HM-731 if it refuses it, the usual HSM codes otherwise. */
    public static void verify(Path modulePath, TokenSelector selector, char[] soPin) throws ProvisioningException {
        SharedModule module = ModuleRegistry.acquire(modulePath);
        try {
            Token token = Slots.find(module, selector).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.HSM_TOKEN_NOT_FOUND, "No token " + selector.describe() + " in " + modulePath + "."));
            Session session = token.openSession(true);
            try {
                session.login(CKU_SO, soPin);
                session.logout();
            } finally {
                session.closeSession();
            }
        } catch (PKCS11Exception e) {
            ProvisioningException mapped = Pkcs11Errors.map(e, "The token " + selector.describe(),
                    "sign in its security officer");
            if (mapped.code() == ErrorCode.HSM_PIN_INCORRECT || mapped.code() == ErrorCode.HSM_PIN_LOCKED) {
                throw new ProvisioningException(ErrorCode.BREAK_GLASS_REFUSED, "the token " + selector.describe()
                        + " refused the security officer PIN", mapped.rawDetail(), null);
            }
            throw mapped;
        } finally {
            module.release();
        }
    }
}
