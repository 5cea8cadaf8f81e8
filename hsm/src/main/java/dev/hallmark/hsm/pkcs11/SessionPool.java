package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * A bounded pool of read-write sessions on one token. A session is checked out by one thread for one operation
 * and given back; it is never shared between threads (two threads on one SoftHSM session crash the JVM). Pooled
 * sessions stay open until the station closes or the token loses them: session objects created in them
 * (injected-custody keys) live that long. When the token loses the sessions or the login, {@link #call}
 * reconnects once (finds the token again, logs in again) and runs the operation again; sessions of the old
 * connection are not used again.
 */
public final class SessionPool implements AutoCloseable {

    /** Work done on one checked-out session; it must be safe to run twice (it is, once, after a reconnect). */
    @FunctionalInterface
    public interface SessionCall<T> {
        /** Runs on a session that no other thread uses meanwhile. */
        T apply(Session session) throws TokenException, ProvisioningException;
    }

    /** Work that also needs to know the lease (its connection generation). */
    @FunctionalInterface
    public interface LeaseCall<T> {
        /** Runs on the leased session, which no other thread uses meanwhile. */
        T apply(SessionLease lease) throws TokenException, ProvisioningException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final TokenConnection connection;
    private volatile int size;
    private final Duration wait;
    private final Semaphore permits;
    private final Deque<Session> idle = new ArrayDeque<>();
    private final Object reconnectLock = new Object();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private int generation;
    private volatile boolean staleSessionsAlive;
    private volatile boolean closed;

    private SessionPool(TokenConnection connection, int size, Duration wait) {
        this.connection = connection;
        this.size = size;
        this.wait = wait;
        this.permits = new Semaphore(size, true);
    }

    /**
     * Finds the token {@code selector} names in {@code module}, logs the user in with a PIN from {@code pin} and
     * returns a pool of at most {@code size} sessions; {@link #lease()} waits up to {@code wait} for a free one.
     */
    public static SessionPool open(SharedModule module, TokenSelector selector, PinSource pin, int size,
            Duration wait) throws ProvisioningException {
        if (size < 1) {
            throw new IllegalArgumentException("a session pool needs at least one session, not " + size);
        }
        Session[] first = new Session[1];
        SessionPool pool = new SessionPool(TokenConnection.connect(module, selector, pin, first), size, wait);
        pool.idle.push(first[0]);
        return pool;
    }

    /**
     * Runs {@code call} on a checked-out session, mapping any PKCS#11 failure to "could not {@code action}". If the
     * token lost the session or the login, reconnects and runs {@code call} once more; a refused PIN is not retried.
     */
    public <T> T call(String action, SessionCall<T> call) throws ProvisioningException {
        return run(action, lease -> call.apply(lease.session()), -1, null);
    }

    /** As {@link #call}, handing the lease itself to {@code call}. */
    public <T> T callWithLease(String action, LeaseCall<T> call) throws ProvisioningException {
        return run(action, call, -1, null);
    }

    /**
     * Runs {@code call} only on a session of connection {@code generation}, for work with object handles read in
     * that generation (session keys). Handles do not survive a reconnect, and after a module reset their numbers
     * may name other objects: on a lease of a later generation, or after the token lost the session (the pool then
     * reconnects), this throws {@code gone} instead of running {@code call} again.
     */
    public <T> T callInGeneration(String action, int generation, Supplier<ProvisioningException> gone,
            SessionCall<T> call) throws ProvisioningException {
        return run(action, lease -> call.apply(lease.session()), generation, gone);
    }

    private <T> T run(String action, LeaseCall<T> call, int requiredGeneration,
            Supplier<ProvisioningException> gone) throws ProvisioningException {
        boolean reconnected = false;
        while (true) {
            TokenException lost;
            int seen;
            try (SessionLease lease = lease()) {
                seen = lease.generation();
                if (requiredGeneration >= 0 && seen != requiredGeneration) {
                    throw gone.get();
                }
                try {
                    return call.apply(lease);
                } catch (TokenException e) {
                    if (Pkcs11Errors.isSessionFatal(e)) {
                        lease.markGone();
                    }
                    if (reconnected || !Pkcs11Errors.isConnectionLost(e)) {
                        throw Pkcs11Errors.map(e, Pkcs11Errors.token(connection.label()), action);
                    }
                    lost = e;
                }
            }
            reconnect(seen, lost, action);
            if (requiredGeneration >= 0) {
                throw gone.get();
            }
            reconnected = true;
        }
    }

    /**
     * Throws CKR_USER_NOT_LOGGED_IN if the token has logged this station out: a search that finds nothing must
     * not be believed then (private objects are invisible without a login), so {@link #call} reconnects instead.
     */
    public void requireLogin(Session session) throws PKCS11Exception {
        if (!connection.isLoggedIn(session)) {
            throw new PKCS11Exception(CKR_USER_NOT_LOGGED_IN);
        }
    }

    /**
     * From now on lends one session at a time, so operations on the token run one after the other. For modules
     * that fail when several sessions work at once; call it before the pool is shared.
     */
    public void restrictToOneSession() {
        if (size > 1) {
            permits.acquireUninterruptibly(size - 1);
            size = 1;
        }
    }

    /** Checks a session out; closing the lease gives it back. A new session found logged out triggers a reconnect. */
    public SessionLease lease() throws ProvisioningException {
        ensureOpen();
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(connection.label())
                        + " had no free session within " + wait.toSeconds() + " s.", "pool of " + size + " busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "The wait for an HSM session was interrupted.");
        }
        try {
            return checkOut(false);
        } catch (ProvisioningException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private SessionLease checkOut(boolean reconnected) throws ProvisioningException {
        Session session;
        int current;
        synchronized (idle) {
            session = idle.poll();
            current = generation;
        }
        if (session != null) {
            return new SessionLease(this, session, current);
        }
        try {
            session = connection.openSession();
            if (connection.isLoggedIn(session)) {
                return new SessionLease(this, session, current);
            }
            closeQuietly(session);
            if (reconnected) {
                throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(connection.label())
                        + " logged this station out again right after it logged in.", "CKR_USER_NOT_LOGGED_IN", null);
            }
            reconnect(current, new PKCS11Exception(CKR_USER_NOT_LOGGED_IN),
                    "open a session");
        } catch (PKCS11Exception e) {
            if (reconnected || !Pkcs11Errors.isConnectionLost(e)) {
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(connection.label()), "open a session");
            }
            reconnect(current, e, "open a session");
        }
        return checkOut(true);
    }

    /**
     * Reconnects unless another thread already did since {@code seen}. Sessions of the old connection are closed
     * if they still exist (the token only logged the station out); if the token lost them, they are dropped
     * without C_CloseSession, because after a module reset their handle numbers may already name new sessions.
     */
    private void reconnect(int seen, TokenException cause, String action) throws ProvisioningException {
        synchronized (reconnectLock) {
            boolean sessionsAlive = cause instanceof PKCS11Exception p11
                    && p11.getErrorCode() == CKR_USER_NOT_LOGGED_IN;
            List<Session> stale;
            synchronized (idle) {
                if (generation != seen) {
                    return;
                }
                generation++;
                staleSessionsAlive = sessionsAlive;
                stale = new ArrayList<>(idle);
                idle.clear();
            }
            if (sessionsAlive) {
                stale.forEach(SessionPool::closeQuietly);
            }
            String code = cause instanceof PKCS11Exception p11 ? Pkcs11Errors.ckrName(p11.getErrorCode())
                    : cause.getMessage();
            LOG.warn("Token '{}' answered {} when asked to {}; finding it again and logging in again",
                    connection.label(), code, action);
            reconnectListeners.forEach(Runnable::run);
            Session fresh = connection.reconnect();
            synchronized (idle) {
                idle.push(fresh);
            }
        }
    }

    /**
     * Called on every reconnect, before logging in again: session objects did not survive (the sessions are gone,
     * or logging out destroyed private session objects). The listener runs under the reconnect lock and must not
     * wait for anything.
     */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    void giveBack(Session session, int leaseGeneration, boolean gone) {
        boolean keep;
        boolean stale;
        synchronized (idle) {
            stale = leaseGeneration != generation;
            keep = !gone && !closed && !stale;
            if (keep) {
                idle.push(session);
            }
        }
        if (!keep && !gone && (!stale || staleSessionsAlive)) {
            closeQuietly(session);
        }
        permits.release();
    }

    private void ensureOpen() throws ProvisioningException {
        if (closed) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED,
                    Pkcs11Errors.token(connection.label()) + " is already closed by this station.");
        }
    }

    /** The connection to the token this pool holds sessions on. */
    public TokenConnection connection() {
        return connection;
    }

    /** The token's label as the token reports it. */
    public String tokenLabel() {
        return connection.label();
    }

    /** Refuses new leases, waits briefly for sessions in use, gives back the login and closes every session. */
    @Override
    public void close() {
        synchronized (idle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (!permits.tryAcquire(size, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Closing the session pool of token '{}' while sessions are still in use", connection.label());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Session forLogout;
        synchronized (idle) {
            forLogout = idle.poll();
        }
        if (forLogout == null) {
            try {
                forLogout = connection.openSession();
            } catch (PKCS11Exception e) {
                LOG.debug("No session to log out of token '{}': {}", connection.label(),
                        Pkcs11Errors.ckrName(e.getErrorCode()));
            }
        }
        connection.close(forLogout);
        if (forLogout != null) {
            closeQuietly(forLogout);
        }
        synchronized (idle) {
            idle.forEach(SessionPool::closeQuietly);
            idle.clear();
        }
    }

    /** Closes a session, logging (not throwing) a failure. */
    public static void closeQuietly(Session session) {
        try {
            session.closeSession();
        } catch (PKCS11Exception e) {
            LOG.debug("C_CloseSession failed: {}", Pkcs11Errors.ckrName(e.getErrorCode()));
        }
    }
}
