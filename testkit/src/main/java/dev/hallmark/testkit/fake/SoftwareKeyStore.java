package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A FAKE {@link DeviceKeyStore} for unit tests: software EC key pairs held in memory, no token, no custody.
 * Never use it outside tests. Faults are injected one call ahead with {@link #failNextSign} and
 * {@link #corruptNextSign}; all methods are synchronized, so concurrent fixtures may share one store.
 */
public final class SoftwareKeyStore implements DeviceKeyStore {

    /** The label this fake reports as its token. */
    public static final String TOKEN_LABEL = "software-fake";

    private final SecureRandom random;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int nextId = 1;
    private ErrorCode failNextSign;
    private boolean corruptNextSign;

    public SoftwareKeyStore(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public synchronized KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) throws ProvisioningException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(policy, "policy");
        if (entries.containsKey(alias)) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED,
                    "the software key store already holds a key '" + alias + "'");
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(spec.curveOrSize()), random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(ErrorCode.HSM_MECHANISM_UNSUPPORTED,
                    "the software key store cannot generate " + spec, e.getMessage(), e);
        }
        String id = String.format("%08x", nextId++);
        KeyHandle handle = new KeyHandle(alias, id, TOKEN_LABEL, spec, policy, pair.getPublic());
        entries.put(alias, new Entry(handle, pair));
        return handle;
    }

    @Override
    public synchronized Optional<KeyHandle> find(String alias) {
        return Optional.ofNullable(entries.get(alias)).map(Entry::handle);
    }

    @Override
    public synchronized byte[] sign(KeyHandle key, byte[] data) throws ProvisioningException {
        Entry entry = require(key);
        if (failNextSign != null) {
            ErrorCode code = failNextSign;
            failNextSign = null;
            throw new ProvisioningException(code, "injected fault: the software key store refused to sign",
                    "FAKE_INJECTED_FAULT", null);
        }
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(entry.handle().spec().signatureAlgorithm());
            signer.initSign(entry.pair().getPrivate(), random);
            signer.update(data);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED,
                    "the software key store could not sign with '" + key.alias() + "'", e.getMessage(), e);
        }
        if (corruptNextSign) {
            corruptNextSign = false;
            signature[signature.length - 1] ^= 0x01;
        }
        return signature;
    }

    @Override
    public synchronized void attachCertificate(KeyHandle key, X509Certificate certificate) throws ProvisioningException {
        Entry entry = require(key);
        entries.put(key.alias(), new Entry(entry.handle(), entry.pair(), Objects.requireNonNull(certificate)));
    }

    /** Removes the key pair and its certificate; destroying a key that is not there does nothing. */
    @Override
    public synchronized void destroy(KeyHandle key) {
        Entry entry = entries.get(key.alias());
        if (entry != null && entry.handle().id().equals(key.id())) {
            entries.remove(key.alias());
        }
    }

    /** The next {@link #sign} throws a {@link ProvisioningException} with this code; later calls sign again. */
    public synchronized void failNextSign(ErrorCode code) {
        this.failNextSign = Objects.requireNonNull(code, "code");
    }

    /** The next {@link #sign} returns a well-formed signature with one bit flipped, so it does not verify. */
    public synchronized void corruptNextSign() {
        this.corruptNextSign = true;
    }

    /** The certificate attached to the key under {@code alias}, if any. */
    public synchronized Optional<X509Certificate> certificate(String alias) {
        return Optional.ofNullable(entries.get(alias)).map(Entry::certificate);
    }

    /** The aliases of the keys held, in generation order. */
    public synchronized List<String> aliases() {
        return List.copyOf(entries.keySet());
    }

    private Entry require(KeyHandle key) throws ProvisioningException {
        Entry entry = entries.get(key.alias());
        if (entry == null || !entry.handle().id().equals(key.id())) {
            throw new ProvisioningException(ErrorCode.HSM_KEY_MISSING,
                    "the key '" + key.alias() + "' is not in the software key store");
        }
        return entry;
    }

    private record Entry(KeyHandle handle, KeyPair pair, X509Certificate certificate) {
        Entry(KeyHandle handle, KeyPair pair) {
            this(handle, pair, null);
        }
    }
}
