package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_KEY_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_OBJECT_HANDLE_INVALID;

import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/** Object templates and look-ups of device keys: always by object class and CKA_ID, never by label. */
final class KeyObjects {

    private static final Logger LOG = LoggerFactory.getLogger(KeyObjects.class);
    private static final int MAX_MATCHES = 16;
    private static final long[] KEY_OBJECT_CLASSES = {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_CERTIFICATE};

    private KeyObjects() {
    }

    /**
     * The key pair template for a policy: token objects never extractable, or session objects extractable only by
     * wrapping (they are sensitive). Both can only sign; CKA_DECRYPT/CKA_ENCRYPT are set false where the token
     * accepts it.
     */
    static KeyPairTemplate keyPair(KeyTypeSupport type, byte[] id, String alias, KeyPolicy policy,
            TokenTraits traits) {
        boolean tokenObject = policy == KeyPolicy.TOKEN_NON_EXTRACTABLE;
        KeyPairTemplate template = new KeyPairTemplate(type.keyType())
                .token(tokenObject).id(id).labels(alias).signVerify(true);
        type.addDomainParameters(template.publicKey());
        template.privateKey().private_(true).sensitive(true).extractable(!tokenObject).derive(false).unwrap(false);
        template.publicKey().private_(false).wrap(false);
        if (traits.acceptsUsageRestrictions()) {
            template.privateKey().decrypt(false);
            template.publicKey().encrypt(false);
        }
        return template;
    }

    static OptionalLong findOne(Session session, long objectClass, byte[] id) throws PKCS11Exception {
        long[] found = find(session, objectClass, id);
        if (found.length > 1) {
            LOG.warn("{} objects of class {} share one CKA_ID; using the first", found.length, objectClass);
        }
        return found.length == 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }

    static long[] find(Session session, long objectClass, byte[] id) throws PKCS11Exception {
        return session.findObjectsSingle(new AttributeVector().class_(objectClass).id(id), MAX_MATCHES);
    }

    /** Destroys one object, logging (not throwing) a failure: for clean-up after another failure. */
    static void destroyQuietly(Session session, long handle) {
        try {
            session.destroyObject(handle);
        } catch (PKCS11Exception e) {
            LOG.warn("Destroying object {} failed: {}", handle, Pkcs11Errors.ckrName(e.getErrorCode()));
        }
    }

    /** Destroys one object that may already be gone (its session ended): only a vanished handle is tolerated. */
    static void destroyIfPresent(Session session, long handle) throws PKCS11Exception {
        try {
            session.destroyObject(handle);
        } catch (PKCS11Exception e) {
            if (!isVanished(e)) {
                throw e;
            }
        }
    }

    /** The token no longer knows the handle: the object was destroyed or died with its session. */
    static boolean isVanished(PKCS11Exception e) {
        long code = e.getErrorCode();
        return code == CKR_OBJECT_HANDLE_INVALID || code == CKR_KEY_HANDLE_INVALID;
    }

    /** Destroys the private key, public key and certificates with this CKA_ID; returns how many objects went. */
    static int destroyAll(Session session, byte[] id) throws PKCS11Exception {
        int destroyed = 0;
        for (long objectClass : KEY_OBJECT_CLASSES) {
            for (long handle : find(session, objectClass, id)) {
                session.destroyObject(handle);
                destroyed++;
            }
        }
        return destroyed;
    }
}
