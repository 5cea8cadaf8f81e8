package dev.hallmark.hsm.keystore;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.info.Pkcs11Inspector;
import dev.hallmark.hsm.info.TokenInfo;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.SessionPool;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token of a PKCS#11 module, found by label or serial and logged in as user, with a pool of sessions that
 * reconnects and logs in again after the token lost them. Open it once, hand {@link #keyStore()} to the engine,
 * close it at shutdown.
 */
public final class Pkcs11Station implements AutoCloseable {

    /** Sessions in the pool unless the caller asks for another size. */
    public static final int DEFAULT_POOL_SIZE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Station.class);
    private static final Duration SESSION_WAIT = Duration.ofSeconds(30);

    private final SharedModule module;
    private final SessionPool pool;
    private final PinSource ownedPin;
    private final Pkcs11DeviceKeyStore keyStore;
    private final TokenTraits traits;
    private final Pkcs11HeadCounter headCounter;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pkcs11Station(SharedModule module, SessionPool pool, TokenTraits traits, PinSource ownedPin) {
        this.module = module;
        this.pool = pool;
        this.ownedPin = ownedPin;
        this.keyStore = new Pkcs11DeviceKeyStore(pool, traits);
        this.traits = traits;
        this.headCounter = new Pkcs11HeadCounter(pool);
    }

    /**
     * Loads the module, finds the token labelled {@code tokenLabel} and logs in; a wrong PIN is never retried. The
     * station keeps a masked copy of the PIN to log in again after a lost login, and wipes it when it closes; the
     * caller may wipe {@code userPin} as soon as this returns.
     */
    public static Pkcs11Station open(Path modulePath, String tokenLabel, char[] userPin) throws ProvisioningException {
        return open(modulePath, tokenLabel, userPin, DEFAULT_POOL_SIZE);
    }

    /** As {@link #open(Path, String, char[])} with a pool of {@code poolSize} sessions. */
    public static Pkcs11Station open(Path modulePath, String tokenLabel, char[] userPin, int poolSize)
            throws ProvisioningException {
        PinSource pin = PinSource.memory(userPin);
        try {
            return open(modulePath, TokenSelector.byLabel(tokenLabel), pin, poolSize, pin);
        } catch (ProvisioningException | RuntimeException e) {
            pin.wipe();
            throw e;
        }
    }

    /**
     * Loads the module, finds the token {@code token} names and logs in with a PIN from {@code pin}, which is asked
     * again only to log in again after the token lost the login. The caller keeps ownership of {@code pin}.
     */
    public static Pkcs11Station open(Path modulePath, TokenSelector token, PinSource pin, int poolSize)
            throws ProvisioningException {
        return open(modulePath, token, pin, poolSize, null);
    }

    private static Pkcs11Station open(Path modulePath, TokenSelector token, PinSource pin, int poolSize,
            PinSource ownedPin) throws ProvisioningException {
        SharedModule module = ModuleRegistry.acquire(modulePath);
        try {
            SessionPool pool = SessionPool.open(module, token, pin, poolSize, SESSION_WAIT);
            TokenTraits traits = TokenTraits.of(pool.connection().token());
            if (!traits.concurrentSessions()) {
                pool.restrictToOneSession();
                LOG.info("Token '{}' is used through one session at a time (its module does not bear more)",
                        pool.tokenLabel());
            }
            LOG.info("Opened HSM token '{}' in {} with {} sessions", pool.tokenLabel(), module.path(), poolSize);
            return new Pkcs11Station(module, pool, traits, ownedPin);
        } catch (ProvisioningException | RuntimeException e) {
            module.release();
            throw e;
        }
    }

    /** Whether several sessions may work on the token at once (not so for tpm2-pkcs11). */
    public boolean concurrentSessions() {
        return traits.concurrentSessions();
    }

    /** The engine's DeviceKeyStore and KeyWrapper on this token. */
    public Pkcs11DeviceKeyStore keyStore() {
        return keyStore;
    }

    /** The audit chain's head counter in this token (a data object per station; decision 0018). */
    public dev.hallmark.engine.port.ChainHeadWitness headCounter() {
        return headCounter;
    }

    /** The label of the token this station uses. */
    public String tokenLabel() {
        return pool.tokenLabel();
    }

    /** What the token says of itself now (slot, maker, model, serial, flags, mechanisms); no PIN involved. */
    public TokenInfo tokenInfo() throws ProvisioningException {
        return Pkcs11Inspector.token(module, pool.connection().token());
    }

    /**
     * Stores the product line's 256-bit transport KEK as a sensitive, non-extractable token key that can only
     * derive. Does nothing if the token already holds one (its value cannot be compared: it never leaves).
     */
    public synchronized void importTransportKek(byte[] value) throws ProvisioningException {
        if (value == null || value.length != TokenKek.LENGTH) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The transport KEK must be "
                    + TokenKek.LENGTH + " bytes (AES-256), not " + (value == null ? 0 : value.length) + ".");
        }
        boolean created = pool.call("import the transport KEK", s -> {
            if (TokenKek.find(s).isPresent()) {
                return false;
            }
            s.createObject(TokenKek.importTemplate(value, dev.hallmark.engine.api.KekOrigin.PRODUCTION));
            return true;
        });
        LOG.info(created ? "Imported the transport KEK into token '{}'"
                : "Token '{}' already holds the transport KEK; left it as it is", pool.tokenLabel());
    }

    /** The transport-KEK ceremony on this token: split and wrapped import, list, retire. */
    public KekImports keks() {
        return new KekImports(pool, traits);
    }

    /** Whether the token holds the production transport KEK that injected custody on a real line needs. */
    public boolean hasTransportKek() throws ProvisioningException {
        return pool.call("look for the transport KEK", s -> {
            if (TokenKek.find(s).isPresent()) {
                return true;
            }
            pool.requireLogin(s);
            return false;
        });
    }

    /** Destroys remaining session keys, logs out (unless another station of this JVM still uses the token), finalises. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String label = pool.tokenLabel();
        keyStore.discardSessionKeys();
        pool.close();
        if (ownedPin != null) {
            ownedPin.wipe();
        }
        module.release();
        LOG.info("Closed HSM token '{}'", label);
    }

    SessionPool sessions() {
        return pool;
    }

    SharedModule module() {
        return module;
    }
}
