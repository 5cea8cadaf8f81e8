package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Makes a new token on a module's free slot through PKCS#11 itself (C_InitToken, then C_InitPIN as the security
 * officer), so that no PIN ever travels as a process argument to a vendor tool.
 */
public final class TokenInitializer {

    private static final int LABEL_BYTES = 32;

    private TokenInitializer() {
    }

    /**
     * Initialises a token labelled {@code label} on the first slot of {@code module} whose token is not
     * initialised, and sets its user PIN. {@code kind} names the token in messages, e.g. "SoftHSM2 token".
     */
    public static void initialize(SharedModule module, String kind, String label, char[] soPin, char[] userPin)
            throws ProvisioningException {
        char[] paddedLabel = paddedLabel(label);
        String subject = "The " + kind + " '" + label + "'";
        if (Slots.tokenByLabel(module, label).isPresent()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, subject + " already exists (" + module.path() + ").");
        }
        Slot slot = Slots.freeSlot(module).orElseThrow(() -> new ProvisioningException(ErrorCode.HSM_TOKEN_NOT_FOUND,
                module.path() + " offers no free slot for a new " + kind + "."));
        try {
            module.module().getPKCS11Module().C_InitToken(slot.getSlotID(), soPin, paddedLabel, true);
        } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
            throw Pkcs11Errors.map(module.module().convertException(e), subject, "be initialised");
        }
        try {
            setUserPin(slot, soPin, userPin);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, subject, "set its user PIN");
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
    public static char[] paddedLabel(String label) {
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
