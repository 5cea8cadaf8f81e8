package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_ECB_ENCRYPT_DATA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_DATA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.KEY_DERIVATION_STRING_DATA;

/**
 * The product line's key-encryption keys in the token, one per origin (the production KEK from the ceremony, the
 * simulated vendor's KEK for simulated boards, under separate labels so that one is never taken for the other), the
 * data object beside each that records its KCV and who brought it in, and the template of the transport key derived
 * from a KEK.
 */
final class TokenKek {

    /** Label (and CKA_ID) of the production KEK. */
    static final String LABEL = "hallmark-transport-kek";
    /** Label (and CKA_ID) of the simulated vendor's KEK. */
    static final String SIM_LABEL = "hallmark-sim-vendor-kek";
    static final int LENGTH = 32;
    private static final String INFO_SUFFIX = "-info";
    private static final String APPLICATION = "hallmark";

    private TokenKek() {
    }

    static String label(KekOrigin origin) {
        return origin == KekOrigin.PRODUCTION ? LABEL : SIM_LABEL;
    }

    private static byte[] id(KekOrigin origin) {
        return label(origin).getBytes(StandardCharsets.US_ASCII);
    }

    /** The production KEK. */
    static OptionalLong find(Session session) throws PKCS11Exception {
        return find(session, KekOrigin.PRODUCTION);
    }

    static OptionalLong find(Session session, KekOrigin origin) throws PKCS11Exception {
        return KeyObjects.findOne(session, CKO_SECRET_KEY, id(origin));
    }

    /**
     * AES-256 token secret key: sensitive, never extractable, usable only to derive transport keys. Not modifiable
     * and not copyable, so nobody with the user PIN can turn it (or a copy of it) into a wrapping key.
     */
    static AttributeVector importTemplate(byte[] value, KekOrigin origin) {
        return keyTemplate(origin).value(value);
    }

    /** As {@link #importTemplate} without the value: for a KEK unwrapped or derived inside the token. */
    static AttributeVector keyTemplate(KekOrigin origin) {
        return AttributeVector.newAESSecretKey().token(true).private_(true).label(label(origin)).id(id(origin))
                .sensitive(true).extractable(false).derive(true)
                .encrypt(false).decrypt(false).wrap(false).unwrap(false).sign(false).verify(false)
                .modifiable(false).copyable(false);
    }

    /** A session copy that can only encrypt: for its key check values, destroyed at once. */
    static AttributeVector checkCopyTemplate() {
        return AttributeVector.newAESSecretKey().token(false).sensitive(true).extractable(false)
                .encrypt(true).decrypt(false).derive(false).wrap(false).unwrap(false).sign(true).verify(false);
    }

    /** The public data object that names the KEK's KCVs, creation time and custodians (never its value). */
    static AttributeVector infoTemplate(KekOrigin origin, String facts) {
        return new AttributeVector().class_(CKO_DATA).token(true).private_(false).modifiable(false)
                .label(label(origin) + INFO_SUFFIX).application(APPLICATION)
                .value(facts.getBytes(StandardCharsets.UTF_8));
    }

    static long[] findInfo(Session session, KekOrigin origin) throws PKCS11Exception {
        return session.findObjectsSingle(new AttributeVector().class_(CKO_DATA).label(label(origin) + INFO_SUFFIX), 4);
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

    static ProvisioningException missing(String tokenLabel, KekOrigin origin) {
        return new ProvisioningException(origin == KekOrigin.PRODUCTION ? ErrorCode.KEK_PRODUCTION_MISSING
                : ErrorCode.HSM_KEY_MISSING, "The transport KEK '" + label(origin) + "' is not in the HSM token '"
                + tokenLabel + "'.");
    }
}
