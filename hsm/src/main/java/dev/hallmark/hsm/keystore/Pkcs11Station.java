package dev.hallmark.hsm.keystore;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SessionLease;
import dev.hallmark.hsm.pkcs11.SessionPool;
import dev.hallmark.hsm.pkcs11.SharedModule;
import dev.hallmark.hsm.pkcs11.Slots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.Token;

/**
 * The station's HSM: one token of a PKCS#11 module, found by label and logged in as user, with a pool of
 * sessions. Open it once, hand {@link #keyStore()} to the engine, close it at shutdown.
 */
public final class Pkcs11Station implements AutoCloseable {

    /** Sessions in the pool unless the caller asks for another size. */
    public static final int DEFAULT_POOL_SIZE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Station.class);
    private static final Duration SESSION_WAIT = Duration.ofSeconds(30);

    private final SharedModule module;
    private final long slotId;
    private final String tokenLabel;
    private final SessionPool pool;
    private final Pkcs11DeviceKeyStore keyStore;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pkcs11Station(SharedModule module, long slotId, String tokenLabel, SessionPool pool) {
        this.module = module;
        this.slotId = slotId;
        this.tokenLabel = tokenLabel;
        this.pool = pool;
        this.keyStore = new Pkcs11DeviceKeyStore(pool, tokenLabel);
    }

    /** Loads the module, finds the token labelled {@code tokenLabel} and logs in; a wrong PIN is never retried. */
    public static Pkcs11Station open(Path modulePath, String tokenLabel, char[] userPin) throws ProvisioningException {
        return open(modulePath, tokenLabel, userPin, DEFAULT_POOL_SIZE);
    }

    /** As {@link #open(Path, String, char[])} with a pool of {@code poolSize} sessions. */
    public static Pkcs11Station open(Path modulePath, String tokenLabel, char[] userPin, int poolSize)
            throws ProvisioningException {
        SharedModule module = ModuleRegistry.acquire(modulePath);
        try {
            Token token = Slots.tokenByLabel(module, tokenLabel)
                    .orElseThrow(() -> Pkcs11Errors.tokenNotFound(tokenLabel, module.path()));
            long slotId = token.getSlot().getSlotID();
            SessionPool pool = new SessionPool(token, tokenLabel, poolSize, SESSION_WAIT);
            try (SessionLease lease = pool.lease()) {
                module.loginUser(lease.session(), slotId, userPin, tokenLabel);
            } catch (ProvisioningException e) {
                pool.close();
                throw e;
            }
            LOG.info("Opened HSM token '{}' in {} with {} sessions", tokenLabel, module.path(), poolSize);
            return new Pkcs11Station(module, slotId, tokenLabel, pool);
        } catch (ProvisioningException | RuntimeException e) {
            module.release();
            throw e;
        }
    }

    /** The engine's DeviceKeyStore and KeyWrapper on this token. */
    public Pkcs11DeviceKeyStore keyStore() {
        return keyStore;
    }

    /** The label of the token this station uses. */
    public String tokenLabel() {
        return tokenLabel;
    }

    /**
     * Stores the product line's 256-bit transport KEK as a sensitive, non-extractable token key that can only
     * derive. Does nothing if the token already holds one (its value cannot be compared: it never leaves).
     */
    public synchronized void importTransportKek(byte[] value) throws ProvisioningException {
        if (value == null || value.length != TransportKek.LENGTH) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The transport KEK must be "
                    + TransportKek.LENGTH + " bytes (AES-256), not " + (value == null ? 0 : value.length) + ".");
        }
        boolean created = pool.call("import the transport KEK", s -> {
            if (TransportKek.find(s).isPresent()) {
                return false;
            }
            s.createObject(TransportKek.importTemplate(value));
            return true;
        });
        LOG.info(created ? "Imported the transport KEK into token '{}'"
                : "Token '{}' already holds the transport KEK; left it as it is", tokenLabel);
    }

    /** Whether the token holds the transport KEK that injected custody needs. */
    public boolean hasTransportKek() throws ProvisioningException {
        return pool.call("look for the transport KEK", s -> TransportKek.find(s).isPresent());
    }

    /** Destroys remaining session keys, logs out (unless another station of this JVM still uses the token), finalises. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        keyStore.discardSessionKeys();
        try (SessionLease lease = pool.lease()) {
            module.logoutUser(lease.session(), slotId);
        } catch (ProvisioningException e) {
            LOG.warn("Could not log out of token '{}': {}", tokenLabel, e.oneLine());
        }
        pool.close();
        module.release();
        LOG.info("Closed HSM token '{}'", tokenLabel);
    }

    SessionPool sessions() {
        return pool;
    }

    SharedModule module() {
        return module;
    }
}
