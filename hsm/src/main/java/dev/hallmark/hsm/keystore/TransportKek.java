package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_ECB_ENCRYPT_DATA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.KEY_DERIVATION_STRING_DATA;

/** The product line's key-encryption key in the token, and the template of the transport key derived from it. */
final class TransportKek {

    static final String LABEL = "hallmark-transport-kek";
    static final int LENGTH = 32;
    private static final byte[] ID = LABEL.getBytes(StandardCharsets.US_ASCII);

    private TransportKek() {
    }

    static OptionalLong find(Session session) throws PKCS11Exception {
        return KeyObjects.findOne(session, CKO_SECRET_KEY, ID);
    }

    /**
     * AES-256 token secret key: sensitive, never extractable, usable only to derive transport keys. Not modifiable
     * and not copyable, so nobody with the user PIN can turn it (or a copy of it) into a wrapping key.
     */
    static AttributeVector importTemplate(byte[] value) {
        return AttributeVector.newAESSecretKey().token(true).private_(true).label(LABEL).id(ID.clone())
                .value(value).sensitive(true).extractable(false).derive(true)
                .encrypt(false).decrypt(false).wrap(false).unwrap(false).sign(false).verify(false)
                .modifiable(false).copyable(false);
    }

    /** The per-device transport key: a session object that can only wrap, living for one wrap. */
    static AttributeVector transportKeyTemplate() {
        return AttributeVector.newAESSecretKey().token(false).valueLen(LENGTH)
                .wrap(true).sensitive(true).extractable(false);
    }

    /**
     * Derives the device's transport key from the KEK (CKM_AES_ECB_ENCRYPT_DATA over the diversification data),
     * wraps the private key under it with CKM_AES_KEY_WRAP_PAD (RFC 5649) and destroys the transport key. RFC 5649
     * wrapping is deterministic: the same key for the same device always gives the same bytes.
     */
    static byte[] wrapForDevice(Session session, long kek, long privateKey, DeviceUid uid) throws PKCS11Exception {
        byte[] data = TransportKeyDerivation.derivationData(uid.bytes());
        Mechanism derivation = new Mechanism(CKM_AES_ECB_ENCRYPT_DATA, new KEY_DERIVATION_STRING_DATA(data));
        long transportKey = session.deriveKey(derivation, kek, transportKeyTemplate());
        try {
            return session.wrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), transportKey, privateKey);
        } finally {
            KeyObjects.destroyQuietly(session, transportKey);
        }
    }

    static ProvisioningException missing(String tokenLabel) {
        return new ProvisioningException(ErrorCode.HSM_KEY_MISSING,
                "The transport KEK '" + LABEL + "' is not in the HSM token '" + tokenLabel + "'.");
    }
}
