package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_ECB_ENCRYPT_DATA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_KWP;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_DATA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_READ_ONLY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_TYPE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_VALUE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_GENERAL_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TEMPLATE_INCONSISTENT;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(TokenKek.class);

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

    /** Makes a KEK object from a template (create, unwrap or derive). */
    @FunctionalInterface
    interface Maker {
        long make(AttributeVector template) throws PKCS11Exception;
    }

    /**
     * Makes the KEK with the full template of {@link #keyTemplate}, and where the token refuses it retries without
     * CKA_COPYABLE, then also without CKA_MODIFIABLE: SoftHSM2 2.6.1 refuses CKA_COPYABLE in an unwrap template
     * (CKR_ATTRIBUTE_READ_ONLY) and NSS softoken refuses it in any (CKR_GENERAL_ERROR). The key stays sensitive,
     * never extractable and derive-only either way; the dropped attribute is logged.
     */
    static long make(Maker maker, KekOrigin origin, String tokenLabel) throws PKCS11Exception {
        try {
            return maker.make(keyTemplate(origin));
        } catch (PKCS11Exception first) {
            if (!refusedTemplate(first)) {
                throw first;
            }
            AttributeVector noCopyable = AttributeVector.newAESSecretKey().token(true).private_(true)
                    .label(label(origin)).id(id(origin)).sensitive(true).extractable(false).derive(true)
                    .encrypt(false).decrypt(false).wrap(false).unwrap(false).sign(false).verify(false);
            try {
                long made = maker.make(noCopyable.modifiable(false));
                LOG.warn("Token '{}' refused CKA_COPYABLE on the KEK ({}); made it without", tokenLabel,
                        Pkcs11Errors.ckrName(first.getErrorCode()));
                return made;
            } catch (PKCS11Exception second) {
                if (!refusedTemplate(second)) {
                    throw second;
                }
                long made = maker.make(AttributeVector.newAESSecretKey().token(true).private_(true)
                        .label(label(origin)).id(id(origin)).sensitive(true).extractable(false).derive(true)
                        .encrypt(false).decrypt(false).wrap(false).unwrap(false));
                LOG.warn("Token '{}' refused CKA_COPYABLE and CKA_MODIFIABLE and sign/verify flags on the KEK ({});"
                        + " made it sensitive, non-extractable and derive-only without them", tokenLabel,
                        Pkcs11Errors.ckrName(second.getErrorCode()));
                return made;
            }
        }
    }

    private static boolean refusedTemplate(PKCS11Exception e) {
        long c = e.getErrorCode();
        return c == CKR_ATTRIBUTE_READ_ONLY || c == CKR_ATTRIBUTE_TYPE_INVALID || c == CKR_ATTRIBUTE_VALUE_INVALID
                || c == CKR_TEMPLATE_INCONSISTENT || c == CKR_GENERAL_ERROR;
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

    /** Stores the facts object; a token that keeps no data objects gets a warning, and the KEK stays. */
    static void storeInfo(Session session, KekOrigin origin, String facts, String tokenLabel) {
        try {
            session.createObject(infoTemplate(origin, facts));
            return;
        } catch (PKCS11Exception e) {
            LOG.debug("Token '{}' refused the full data-object template ({}); trying the minimal one", tokenLabel,
                    Pkcs11Errors.ckrName(e.getErrorCode()));
        }
        try {
            // NSS softoken refuses CKA_PRIVATE=false / CKA_MODIFIABLE / CKA_APPLICATION on data objects
            session.createObject(new AttributeVector().class_(CKO_DATA).token(true)
                    .label(label(origin) + INFO_SUFFIX).value(facts.getBytes(StandardCharsets.UTF_8)));
        } catch (PKCS11Exception e) {
            LOG.warn("Token '{}' did not keep the KEK's facts as a data object ({}): kek list will not show its KCV",
                    tokenLabel, Pkcs11Errors.ckrName(e.getErrorCode()));
        }
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
        return wrapForDevice(session, kek, privateKey, uid, CKM_AES_KEY_WRAP_PAD);
    }

    /**
     * The mechanism that wraps per RFC 5649 on this token: CKM_AES_KEY_WRAP_KWP where listed (PKCS#11 3.0's name
     * for it; NSS softoken's CKM_AES_KEY_WRAP_PAD is RFC 3394 with PKCS#7 padding, which no device reads), else
     * CKM_AES_KEY_WRAP_PAD (SoftHSM2 2.6.1 implements RFC 5649 under that number and lists no KWP).
     */
    static long rfc5649(java.util.Set<Long> mechanisms) {
        return mechanisms.contains(CKM_AES_KEY_WRAP_KWP) ? CKM_AES_KEY_WRAP_KWP : CKM_AES_KEY_WRAP_PAD;
    }

    static byte[] wrapForDevice(Session session, long kek, long privateKey, DeviceUid uid, long wrapMechanism)
            throws PKCS11Exception {
        byte[] data = TransportKeyDerivation.derivationData(uid.bytes());
        Mechanism derivation = new Mechanism(CKM_AES_ECB_ENCRYPT_DATA, new KEY_DERIVATION_STRING_DATA(data));
        long transportKey = session.deriveKey(derivation, kek, transportKeyTemplate());
        try {
            return session.wrapKey(new Mechanism(wrapMechanism), transportKey, privateKey);
        } finally {
            KeyObjects.destroyQuietly(session, transportKey);
        }
    }

    static ProvisioningException missing(String tokenLabel, KekOrigin origin) {
        // HSM_KEY_MISSING, as for any key: the fronts refuse a real line without a KEK before this (HM-230)
        return new ProvisioningException(ErrorCode.HSM_KEY_MISSING, "The transport KEK '" + label(origin)
                + "' is not in the HSM token '"
                + tokenLabel + "'.");
    }
}
