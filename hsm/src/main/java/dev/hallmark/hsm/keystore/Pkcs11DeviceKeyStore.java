package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.TransportKek;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SessionPool;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/** Device key pairs in a PKCS#11 token, and their wrapping for injected custody; obtained from a Pkcs11Station. */
public final class Pkcs11DeviceKeyStore implements DeviceKeyStore, KeyWrapper, dev.hallmark.engine.port.KeyAttributeReader {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11DeviceKeyStore.class);

    private final SessionPool pool;
    private final TokenTraits traits;
    private final SessionKeys sessionKeys = new SessionKeys();
    private final Set<KeySpec> supported;
    private final Object[] aliasLocks = new Object[32];

    private volatile KekOrigin kekOrigin = KekOrigin.PRODUCTION;
    private volatile TransportKek kekIdentity;

    Pkcs11DeviceKeyStore(SessionPool pool, TokenTraits traits) {
        this.pool = pool;
        this.traits = traits;
        this.supported = supportedSpecs(traits);
        Arrays.setAll(aliasLocks, i -> new Object());
        pool.onReconnect(sessionKeys::forgetAll);
    }

    /**
     * Generates the pair inside the token: a token object never extractable, or a session object extractable only
     * by wrapping. HSM_MECHANISM_UNSUPPORTED if the token lacks the spec's mechanisms (or session objects);
     * HSM_OPERATION_FAILED if the token already holds a key with this alias.
     */
    @Override
    public KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) throws ProvisioningException {
        KeyTypeSupport type = KeyTypeSupport.forSpec(spec);
        requireSupported(type, policy);
        byte[] id = KeyIds.forAlias(alias);
        String action = "generate key '" + alias + "'";
        synchronized (aliasLocks[Math.floorMod(alias.hashCode(), aliasLocks.length)]) {
            if (sessionKeys.get(alias).isPresent()) {
                throw duplicate(alias);
            }
            if (policy == KeyPolicy.TOKEN_NON_EXTRACTABLE) {
                return pool.call(action, s -> generateIn(s, type, id, alias, policy).handle());
            }
            SessionKeys.Entry[] entry = new SessionKeys.Entry[1];
            KeyHandle handle = pool.callWithLease(action, lease -> {
                Generated generated = generateIn(lease.session(), type, id, alias, policy);
                entry[0] = new SessionKeys.Entry(generated.privateKey(), generated.publicKey(), lease.generation());
                return generated.handle();
            });
            sessionKeys.put(alias, entry[0]);
            return handle;
        }
    }

    private void requireSupported(KeyTypeSupport type, KeyPolicy policy) throws ProvisioningException {
        if (policy == KeyPolicy.SESSION_WRAP_ONLY && !traits.sessionObjects()) {
            throw new ProvisioningException(ErrorCode.HSM_MECHANISM_UNSUPPORTED, Pkcs11Errors.token(pool.tokenLabel())
                    + " cannot hold session keys, which injected key custody needs.", "no session objects", null);
        }
        if (!supported.contains(type.spec())) {
            String subject = Pkcs11Errors.token(pool.tokenLabel());
            if (!traits.has(type.generationMechanism())) {
                throw Pkcs11Errors.mechanismMissing(subject, "generate " + type.displayName() + " keys",
                        type.generationMechanism());
            }
            throw Pkcs11Errors.mechanismMissing(subject, "sign with " + type.displayName() + " keys",
                    type.signingMechanisms()[0]);
        }
    }

    /** The specs whose generation and at least one of whose signing mechanisms the token offers. */
    private static Set<KeySpec> supportedSpecs(TokenTraits traits) {
        Set<KeySpec> specs = EnumSet.noneOf(KeySpec.class);
        for (KeyTypeSupport type : KeyTypeSupport.ALL) {
            if (traits.has(type.generationMechanism()) && Arrays.stream(type.signingMechanisms()).anyMatch(traits::has)) {
                specs.add(type.spec());
            }
        }
        return specs;
    }

    /**
     * A token key is generated only if the token holds no private key with its CKA_ID yet. A session key needs no
     * search: session objects live only in this process, and this store knows its own (the search would cost a
     * sixth of a SoftHSM2 session-key unit).
     */
    private Generated generateIn(Session s, KeyTypeSupport type, byte[] id, String alias, KeyPolicy policy)
            throws TokenException, ProvisioningException {
        if (policy == KeyPolicy.TOKEN_NON_EXTRACTABLE && KeyObjects.findOne(s, CKO_PRIVATE_KEY, id).isPresent()) {
            throw duplicate(alias);
        }
        PKCS11KeyPair pair = s.generateKeyPair(new Mechanism(type.generationMechanism()),
                KeyObjects.keyPair(type, id, alias, policy, traits));
        PublicKey publicKey;
        try {
            publicKey = readPublicKey(s, pair.getPublicKey(), type, alias);
        } catch (TokenException | ProvisioningException e) {
            KeyObjects.destroyQuietly(s, pair.getPrivateKey());
            KeyObjects.destroyQuietly(s, pair.getPublicKey());
            throw e;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Generated {} key '{}' ({}) in token '{}'", type.displayName(), alias, policy, pool.tokenLabel());
        }
        return new Generated(handle(alias, id, type.spec(), policy, publicKey), pair.getPrivateKey(),
                pair.getPublicKey());
    }

    @Override
    public Optional<KeyHandle> find(String alias) throws ProvisioningException {
        byte[] id = KeyIds.forAlias(alias);
        return pool.call("find key '" + alias + "'", s -> {
            OptionalLong privateKey = KeyObjects.findOne(s, CKO_PRIVATE_KEY, id);
            if (privateKey.isEmpty()) {
                pool.requireLogin(s);
                return Optional.empty();
            }
            boolean tokenObject = Boolean.TRUE.equals(s.getAttrValues(privateKey.getAsLong(), CKA_TOKEN).token());
            long publicKey = KeyObjects.findOne(s, CKO_PUBLIC_KEY, id).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.HSM_KEY_MISSING, Pkcs11Errors.token(pool.tokenLabel()) + " holds the private key '"
                            + alias + "' but not its public key."));
            Long keyType = s.getAttrValues(publicKey, CKA_KEY_TYPE).keyType();
            for (KeyTypeSupport type : KeyTypeSupport.ALL) {
                if (keyType != null && type.keyType() == keyType) {
                    AttributeVector attributes = s.getAttrValues(publicKey, type.publicAttributeTypes());
                    if (type.matches(attributes)) {
                        KeyPolicy policy = tokenObject ? KeyPolicy.TOKEN_NON_EXTRACTABLE : KeyPolicy.SESSION_WRAP_ONLY;
                        return Optional.of(handle(alias, id, type.spec(), policy,
                                decode(type, attributes, alias)));
                    }
                }
            }
            throw new ProvisioningException(ErrorCode.HSM_MECHANISM_UNSUPPORTED, "The key '" + alias + "' in "
                    + "HSM token '" + pool.tokenLabel() + "' is of a type this station does not support.");
        });
    }

    /** Signs inside the token; the signature is in the JCA encoding of {@code key.spec().signatureAlgorithm()}. */
    @Override
    public byte[] sign(KeyHandle key, byte[] data) throws ProvisioningException {
        requireOwn(key);
        KeyTypeSupport type = KeyTypeSupport.forSpec(key.spec());
        String action = "sign with key '" + key.alias() + "'";
        Optional<SessionKeys.Entry> sessionKey = sessionKeys.get(key.alias());
        if (sessionKey.isPresent()) {
            SessionKeys.Entry entry = sessionKey.get();
            return onSessionKey(action, key, entry, s -> type.sign(s, entry.privateKey(), data, traits));
        }
        return pool.call(action, s -> type.sign(s, tokenPrivateKey(s, key), data, traits));
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
            entry.certificate(onSessionKey(action, key, entry, s -> CertificateObjects.store(s, key.idBytes(), template)));
        }
    }

    /** The private key's custody attributes read back from the token, for the unit's conformity evidence. */
    @Override
    public dev.hallmark.engine.port.KeyAttributes attributes(KeyHandle key) throws ProvisioningException {
        requireOwn(key);
        String action = "read the attributes of key '" + key.alias() + "'";
        Optional<SessionKeys.Entry> sessionKey = sessionKeys.get(key.alias());
        if (sessionKey.isPresent()) {
            SessionKeys.Entry entry = sessionKey.get();
            return onSessionKey(action, key, entry, s -> KeyAttributeRead.read(s, entry.privateKey(), pool.tokenLabel()));
        }
        return pool.call(action, s -> KeyAttributeRead.read(s, tokenPrivateKey(s, key), pool.tokenLabel()));
    }

    /** The certificate stored beside the key, if any. */
    public Optional<X509Certificate> findCertificate(KeyHandle key) throws ProvisioningException {
        requireOwn(key);
        byte[] der = pool.call("read the certificate of key '" + key.alias() + "'",
                s -> CertificateObjects.find(s, key.idBytes()));
        if (der == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException e) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(pool.tokenLabel())
                    + " holds a certificate for key '" + key.alias() + "' that cannot be decoded.", e.getMessage(), e);
        }
    }

    /** Destroys the private key, the public key and the certificate; a key already gone is not an error. */
    @Override
    public void destroy(KeyHandle key) throws ProvisioningException {
        requireOwn(key);
        String action = "destroy key '" + key.alias() + "'";
        Optional<SessionKeys.Entry> sessionKey = sessionKeys.remove(key.alias());
        if (sessionKey.isEmpty()) {
            int destroyed = pool.call(action, s -> KeyObjects.destroyAll(s, key.idBytes()));
            LOG.debug("Destroyed key '{}' in token '{}' ({} objects)", key.alias(), pool.tokenLabel(), destroyed);
            return;
        }
        SessionKeys.Entry entry = sessionKey.get();
        synchronized (entry) {
            try {
                onSessionKey(action, key, entry, s -> {
                    KeyObjects.destroyIfPresent(s, entry.privateKey());
                    KeyObjects.destroyIfPresent(s, entry.publicKey());
                    if (entry.certificate() != 0) {
                        KeyObjects.destroyIfPresent(s, entry.certificate());
                    }
                    return null;
                });
            } catch (ProvisioningException e) {
                if (e.code() != ErrorCode.HSM_KEY_MISSING) {
                    throw e;
                }
                LOG.debug("Session key '{}' in token '{}' was already gone with its session", key.alias(),
                        pool.tokenLabel());
                return;
            }
        }
        LOG.debug("Destroyed session key '{}' in token '{}'", key.alias(), pool.tokenLabel());
    }

    /**
     * Wraps a session key for the one device with this UID (RFC 5649 under the transport key diversified from the
     * KEK and the UID), then makes the key non-extractable, so nothing can wrap it again. Asking again for the
     * same device returns the same bytes; asking for another device is refused.
     */
    @Override
    public byte[] wrapForDevice(KeyHandle key, DeviceUid uid) throws ProvisioningException {
        requireOwn(key);
        if (key.policy() != KeyPolicy.SESSION_WRAP_ONLY) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, "The key '" + key.alias()
                    + "' is a token key that never leaves the HSM, so it cannot be wrapped for a device.");
        }
        SessionKeys.Entry entry = sessionKeys.get(key.alias()).orElseThrow(() -> missing(key));
        synchronized (entry) {
            if (entry.wrappedFor() != null) {
                if (entry.wrappedFor().equals(uid)) {
                    return entry.wrapped();
                }
                throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, "The key '" + key.alias()
                        + "' was already wrapped for device " + entry.wrappedFor().hex()
                        + "; a device key is wrapped for one device only.");
            }
            byte[] wrapped = onSessionKey("wrap key '" + key.alias() + "' for device " + uid.hex(), key, entry, s -> {
                KekOrigin origin = kekOrigin;
                long kek = TokenKek.find(s, origin).orElseThrow(() -> TokenKek.missing(pool.tokenLabel(), origin));
                byte[] blob = TokenKek.wrapForDevice(s, kek, entry.privateKey(), uid,
                        TokenKek.rfc5649(traits.mechanisms()));
                sealAfterWrap(s, entry.privateKey(), key.alias());
                return blob;
            });
            entry.wrapped(uid, wrapped);
            return wrapped;
        }
    }

    /**
     * Chooses the KEK device keys are wrapped under from now on (the production KEK unless told otherwise); its
     * identity goes into every unit's INSTALL evidence. The caller has checked it with the engine's TransportKeyRule.
     */
    public void useTransportKek(TransportKek kek) {
        this.kekOrigin = kek.origin();
        this.kekIdentity = kek;
    }

    @Override
    public Optional<TransportKek> transportKek() {
        return Optional.ofNullable(kekIdentity);
    }

    /** CKA_EXTRACTABLE may only go from true to false: after its one wrap the key cannot be wrapped again. */
    private void sealAfterWrap(Session s, long privateKey, String alias) throws PKCS11Exception {
        try {
            s.setAttributeValues(privateKey, new AttributeVector().extractable(false));
        } catch (PKCS11Exception e) {
            if (Pkcs11Errors.isConnectionLost(e)) {
                throw e;
            }
            LOG.warn("Token '{}' did not make key '{}' non-extractable after wrapping it: {}", pool.tokenLabel(),
                    alias, Pkcs11Errors.ckrName(e.getErrorCode()));
        }
    }

    /** Destroys the objects of every session key not yet destroyed; called when the station closes. */
    void discardSessionKeys() {
        sessionKeys.discardAll();
    }

    /**
     * Runs work with a session key's handles, only on sessions of the connection they were read in: after a
     * reconnect the key is gone and its handle numbers may name other objects. A vanished handle or a lost
     * connection makes it HSM_KEY_MISSING (the unit restarts at KEYGEN), never a second attempt.
     */
    private <T> T onSessionKey(String action, KeyHandle key, SessionKeys.Entry entry, SessionPool.SessionCall<T> call)
            throws ProvisioningException {
        return pool.callInGeneration(action, entry.generation(), () -> {
            sessionKeys.remove(key.alias());
            return missing(key);
        }, s -> {
            try {
                return call.apply(s);
            } catch (PKCS11Exception e) {
                if (KeyObjects.isVanished(e)) {
                    sessionKeys.remove(key.alias());
                    throw missing(key);
                }
                throw e;
            }
        });
    }

    private long tokenPrivateKey(Session s, KeyHandle key) throws PKCS11Exception, ProvisioningException {
        OptionalLong found = KeyObjects.findOne(s, CKO_PRIVATE_KEY, key.idBytes());
        if (found.isEmpty()) {
            pool.requireLogin(s);
            throw missing(key);
        }
        return found.getAsLong();
    }

    private PublicKey readPublicKey(Session s, long publicKey, KeyTypeSupport type, String alias)
            throws TokenException, ProvisioningException {
        return decode(type, s.getAttrValues(publicKey, type.publicAttributeTypes()), alias);
    }

    private PublicKey decode(KeyTypeSupport type, AttributeVector attributes, String alias)
            throws ProvisioningException {
        try {
            return type.publicKey(attributes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(pool.tokenLabel())
                    + " returned a public key for '" + alias + "' that cannot be decoded.", e.getMessage(), e);
        }
    }

    private KeyHandle handle(String alias, byte[] id, KeySpec spec, KeyPolicy policy, PublicKey publicKey) {
        return new KeyHandle(alias, HexFormat.of().formatHex(id), pool.tokenLabel(), spec, policy, publicKey);
    }

    private void requireOwn(KeyHandle key) throws ProvisioningException {
        if (!pool.tokenLabel().equals(key.token())) {
            throw new ProvisioningException(ErrorCode.HSM_KEY_MISSING, "The key '" + key.alias()
                    + "' belongs to HSM token '" + key.token() + "', not to '" + pool.tokenLabel() + "'.");
        }
        if (!KeyIds.matches(key.alias(), key.id())) {
            throw new IllegalArgumentException("the handle of key '" + key.alias() + "' has a foreign CKA_ID " + key.id());
        }
    }

    private ProvisioningException duplicate(String alias) {
        return new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(pool.tokenLabel())
                + " already holds a key with alias '" + alias + "'.");
    }

    private ProvisioningException missing(KeyHandle key) {
        return new ProvisioningException(ErrorCode.HSM_KEY_MISSING,
                Pkcs11Errors.token(pool.tokenLabel()) + " no longer holds the key '" + key.alias() + "'.");
    }

    private record Generated(KeyHandle handle, long privateKey, long publicKey) {
    }
}
