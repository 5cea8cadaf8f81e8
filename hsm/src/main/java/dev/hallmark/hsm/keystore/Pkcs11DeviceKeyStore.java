package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SessionLease;
import dev.hallmark.hsm.pkcs11.SessionPool;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/** Device key pairs in a PKCS#11 token, and their wrapping for injected custody; obtained from a Pkcs11Station. */
public final class Pkcs11DeviceKeyStore implements DeviceKeyStore, KeyWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11DeviceKeyStore.class);

    private final SessionPool pool;
    private final String tokenLabel;
    private final SessionKeys sessionKeys = new SessionKeys();
    private final Object[] aliasLocks = new Object[32];

    Pkcs11DeviceKeyStore(SessionPool pool, String tokenLabel) {
        this.pool = pool;
        this.tokenLabel = tokenLabel;
        Arrays.setAll(aliasLocks, i -> new Object());
    }

    @Override
    public KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) throws ProvisioningException {
        KeyTypeSupport type = KeyTypeSupport.forSpec(spec);
        byte[] id = KeyIds.forAlias(alias);
        synchronized (aliasLocks[Math.floorMod(alias.hashCode(), aliasLocks.length)]) {
            if (find(alias).isPresent()) {
                throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(tokenLabel)
                        + " already holds a key with alias '" + alias + "'.");
            }
            String action = "generate key '" + alias + "'";
            if (policy == KeyPolicy.TOKEN_NON_EXTRACTABLE) {
                return pool.call(action, s -> generateIn(s, type, id, alias, policy).handle());
            }
            try (SessionLease lease = pool.lease()) {
                try {
                    Generated generated = generateIn(lease.session(), type, id, alias, policy);
                    sessionKeys.put(alias, lease.detach(), generated.privateKey());
                    return generated.handle();
                } catch (TokenException e) {
                    if (Pkcs11Errors.isSessionFatal(e)) {
                        lease.markBroken();
                    }
                    throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), action);
                }
            }
        }
    }

    private Generated generateIn(Session s, KeyTypeSupport type, byte[] id, String alias, KeyPolicy policy)
            throws TokenException, ProvisioningException {
        PKCS11KeyPair pair = s.generateKeyPair(type.keyPairGeneration(), KeyObjects.keyPair(type, id, alias, policy));
        PublicKey publicKey;
        try {
            publicKey = readPublicKey(s, pair.getPublicKey(), type, alias);
        } catch (TokenException | ProvisioningException e) {
            KeyObjects.destroyQuietly(s, pair.getPrivateKey());
            KeyObjects.destroyQuietly(s, pair.getPublicKey());
            throw e;
        }
        LOG.info("Generated {} key '{}' ({}) in token '{}'", type.spec(), alias, policy, tokenLabel);
        return new Generated(handle(alias, id, type.spec(), policy, publicKey), pair.getPrivateKey());
    }

    @Override
    public Optional<KeyHandle> find(String alias) throws ProvisioningException {
        byte[] id = KeyIds.forAlias(alias);
        return pool.call("find key '" + alias + "'", s -> {
            OptionalLong privateKey = KeyObjects.findOne(s, CKO_PRIVATE_KEY, id);
            if (privateKey.isEmpty()) {
                return Optional.empty();
            }
            boolean tokenObject = Boolean.TRUE.equals(s.getAttrValues(privateKey.getAsLong(), CKA_TOKEN).token());
            long publicKey = KeyObjects.findOne(s, CKO_PUBLIC_KEY, id).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.HSM_KEY_MISSING, Pkcs11Errors.token(tokenLabel) + " holds the private key '" + alias
                            + "' but not its public key."));
            long keyType = s.getAttrValues(publicKey, CKA_KEY_TYPE).keyType();
            for (KeyTypeSupport type : KeyTypeSupport.ALL) {
                if (type.keyType() == keyType
                        && type.matches(s.getAttrValues(publicKey, type.publicAttributeTypes()))) {
                    KeyPolicy policy = tokenObject ? KeyPolicy.TOKEN_NON_EXTRACTABLE : KeyPolicy.SESSION_WRAP_ONLY;
                    return Optional.of(handle(alias, id, type.spec(), policy, readPublicKey(s, publicKey, type, alias)));
                }
            }
            throw new ProvisioningException(ErrorCode.HSM_MECHANISM_UNSUPPORTED, "The key '" + alias + "' in "
                    + "HSM token '" + tokenLabel + "' is of a type this station does not support.");
        });
    }

    @Override
    public byte[] sign(KeyHandle key, byte[] data) throws ProvisioningException {
        requireOwn(key);
        KeyTypeSupport type = KeyTypeSupport.forSpec(key.spec());
        return pool.call("sign with key '" + key.alias() + "'", s -> type.sign(s, privateKey(s, key), data));
    }

    @Override
    public void attachCertificate(KeyHandle key, X509Certificate certificate) throws ProvisioningException {
        requireOwn(key);
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID,
                    "The certificate for key '" + key.alias() + "' does not carry that key's public key.");
        }
        boolean tokenObject = key.policy() == KeyPolicy.TOKEN_NON_EXTRACTABLE;
        AttributeVector template;
        try {
            template = CertificateObjects.template(certificate, key.idBytes(), key.alias(), tokenObject);
        } catch (CertificateEncodingException e) {
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID,
                    "The certificate for key '" + key.alias() + "' cannot be encoded.", e.getMessage(), e);
        }
        String action = "store the certificate of key '" + key.alias() + "'";
        if (tokenObject) {
            pool.call(action, s -> CertificateObjects.store(s, key.idBytes(), template));
            return;
        }
        SessionKeys.Entry entry = sessionKeys.get(key.alias()).orElseThrow(() -> missing(key));
        synchronized (entry) {
            try {
                CertificateObjects.store(entry.session(), key.idBytes(), template);
            } catch (PKCS11Exception e) {
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), action);
            }
        }
    }

    @Override
    public void destroy(KeyHandle key) throws ProvisioningException {
        requireOwn(key);
        String action = "destroy key '" + key.alias() + "'";
        Optional<SessionKeys.Entry> sessionKey = sessionKeys.remove(key.alias());
        if (sessionKey.isEmpty()) {
            int destroyed = pool.call(action, s -> KeyObjects.destroyAll(s, key.idBytes()));
            LOG.info("Destroyed key '{}' in token '{}' ({} objects)", key.alias(), tokenLabel, destroyed);
            return;
        }
        SessionKeys.Entry entry = sessionKey.get();
        try {
            synchronized (entry) {
                KeyObjects.destroyAll(entry.session(), key.idBytes());
            }
            LOG.info("Destroyed session key '{}' in token '{}'", key.alias(), tokenLabel);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), action);
        } finally {
            SessionKeys.close(entry);
        }
    }

    @Override
    public byte[] wrapForDevice(KeyHandle key, DeviceUid uid) throws ProvisioningException {
        requireOwn(key);
        if (key.policy() != KeyPolicy.SESSION_WRAP_ONLY) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, "The key '" + key.alias()
                    + "' is a token key that never leaves the HSM, so it cannot be wrapped for a device.");
        }
        return pool.call("wrap key '" + key.alias() + "' for device " + uid.hex(), s -> {
            long kek = TransportKek.find(s).orElseThrow(() -> TransportKek.missing(tokenLabel));
            return TransportKek.wrapForDevice(s, kek, privateKey(s, key), uid);
        });
    }

    /** Destroys the objects of every session key not yet destroyed; called when the station closes. */
    void discardSessionKeys() {
        sessionKeys.discardAll();
    }

    private long privateKey(Session s, KeyHandle key) throws PKCS11Exception, ProvisioningException {
        Optional<SessionKeys.Entry> sessionKey = sessionKeys.get(key.alias());
        if (sessionKey.isPresent()) {
            return sessionKey.get().privateKey();
        }
        return KeyObjects.findOne(s, CKO_PRIVATE_KEY, key.idBytes()).orElseThrow(() -> missing(key));
    }

    private PublicKey readPublicKey(Session s, long publicKey, KeyTypeSupport type, String alias)
            throws TokenException, ProvisioningException {
        AttributeVector attributes = s.getAttrValues(publicKey, type.publicAttributeTypes());
        try {
            return type.publicKey(attributes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(tokenLabel)
                    + " returned a public key for '" + alias + "' that cannot be decoded.", e.getMessage(), e);
        }
    }

    private KeyHandle handle(String alias, byte[] id, KeySpec spec, KeyPolicy policy, PublicKey publicKey) {
        return new KeyHandle(alias, HexFormat.of().formatHex(id), tokenLabel, spec, policy, publicKey);
    }

    private void requireOwn(KeyHandle key) throws ProvisioningException {
        if (!tokenLabel.equals(key.token())) {
            throw new ProvisioningException(ErrorCode.HSM_KEY_MISSING, "The key '" + key.alias()
                    + "' belongs to HSM token '" + key.token() + "', not to '" + tokenLabel + "'.");
        }
        if (!KeyIds.hexForAlias(key.alias()).equalsIgnoreCase(key.id())) {
            throw new IllegalArgumentException("the handle of key '" + key.alias() + "' has a foreign CKA_ID " + key.id());
        }
    }

    private ProvisioningException missing(KeyHandle key) {
        return new ProvisioningException(ErrorCode.HSM_KEY_MISSING,
                Pkcs11Errors.token(tokenLabel) + " no longer holds the key '" + key.alias() + "'.");
    }


    private record Generated(KeyHandle handle, long privateKey) {
    }
}
