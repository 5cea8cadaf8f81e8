package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * A bounded pool of read-write sessions on one token. A session is checked out by one thread for one operation
 * and given back; it is never shared between threads (two threads on one SoftHSM session crash the JVM).
 */
public final class SessionPool implements AutoCloseable {

    /** Work done on one checked-out session. */
    @FunctionalInterface
    public interface SessionCall<T> {
        /** Runs on a session that no other thread uses meanwhile. */
        T apply(Session session) throws TokenException, ProvisioningException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Token token;
    private final String tokenLabel;
    private final int size;
    private final Duration wait;
    private final Semaphore permits;
    private final Deque<Session> idle = new ArrayDeque<>();
    private volatile boolean closed;

    /** A pool of at most {@code size} sessions; {@link #lease()} waits up to {@code wait} for a free one. */
    public SessionPool(Token token, String tokenLabel, int size, Duration wait) {
        if (size < 1) {
            throw new IllegalArgumentException("a session pool needs at least one session, not " + size);
        }
        this.token = token;
        this.tokenLabel = tokenLabel;
        this.size = size;
        this.wait = wait;
        this.permits = new Semaphore(size, true);
    }

    /** Runs {@code call} on a checked-out session, mapping any PKCS#11 failure to "could not {@code action}". */
    public <T> T call(String action, SessionCall<T> call) throws ProvisioningException {
        try (SessionLease lease = lease()) {
            try {
                return call.apply(lease.session());
            } catch (TokenException e) {
                if (Pkcs11Errors.isSessionFatal(e)) {
                    lease.markBroken();
                }
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), action);
            }
        }
    }

    /** Checks a session out; closing the lease gives it back. */
    public SessionLease lease() throws ProvisioningException {
        ensureOpen();
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(tokenLabel)
                        + " had no free session within " + wait.toSeconds() + " s.", "pool of " + size + " busy", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "The wait for an HSM session was interrupted.");
        }
        Session session;
        synchronized (idle) {
            session = idle.poll();
        }
        if (session == null) {
            try {
                session = token.openSession(true);
            } catch (PKCS11Exception e) {
                permits.release();
                throw Pkcs11Errors.map(e, Pkcs11Errors.token(tokenLabel), "open a session");
            }
        }
        return new SessionLease(this, session);
    }

    void giveBack(Session session, boolean broken) {
        if (broken || closed) {
            closeQuietly(session);
        } else {
            synchronized (idle) {
                idle.push(session);
            }
        }
        permits.release();
    }

    void detach() {
        permits.release();
    }

    private void ensureOpen() throws ProvisioningException {
        if (closed) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED,
                    Pkcs11Errors.token(tokenLabel) + " is already closed by this station.");
        }
    }

    /** Waits briefly for sessions in use, then closes every idle session. */
    @Override
    public void close() {
        closed = true;
        try {
            if (!permits.tryAcquire(size, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Closing the session pool of token '{}' while sessions are still in use", tokenLabel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (idle) {
            idle.forEach(SessionPool::closeQuietly);
            idle.clear();
        }
    }

    static void closeQuietly(Session session) {
        try {
            session.closeSession();
        } catch (PKCS11Exception e) {
            LOG.debug("C_CloseSession failed: {}", Pkcs11Errors.ckrName(e.getErrorCode()));
        }
    }
}
