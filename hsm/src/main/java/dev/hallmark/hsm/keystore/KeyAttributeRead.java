package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LOCAL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;

import dev.hallmark.engine.port.KeyAttributes;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/** Reads a private key's custody attributes (CKA_LOCAL, CKA_SENSITIVE, CKA_EXTRACTABLE, ...) and its slot's CKF_HW_SLOT. */
final class KeyAttributeRead {

    private KeyAttributeRead() {
    }

    static KeyAttributes read(Session s, long privateKey, String tokenLabel) throws TokenException {
        AttributeVector a = s.getAttrValues(privateKey, CKA_TOKEN, CKA_LOCAL, CKA_SENSITIVE, CKA_EXTRACTABLE,
                CKA_ALWAYS_SENSITIVE, CKA_NEVER_EXTRACTABLE);
        boolean hardware = hardwareSlot(s);
        String manufacturer = s.getToken().getTokenInfo().getManufacturerID().trim();
        String token = manufacturer + " '" + tokenLabel + "' (" + (hardware ? "hardware" : "software") + ")";
        return new KeyAttributes(token, hardware, a.local(), a.sensitive(), a.extractable(), a.alwaysSensitive(),
                a.neverExtractable(), a.token());
    }

    /** CKF_HW_SLOT of the session's slot: the slot, not a mechanism's CKF_HW, decides (see Pkcs11Inspector). */
    private static boolean hardwareSlot(Session s) throws PKCS11Exception {
        try {
            return s.getToken().getSlot().getSlotInfo().isHwSlot();
        } catch (PKCS11Exception e) {
            throw e;
        } catch (TokenException e) {
            return false;
        }
    }
}
