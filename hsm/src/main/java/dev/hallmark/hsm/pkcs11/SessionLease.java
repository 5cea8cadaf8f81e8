package dev.hallmark.hsm.pkcs11;

import org.xipki.pkcs11.wrapper.Session;

/** One session checked out of a {@link SessionPool} by one thread; close it to give the session back. */
public final class SessionLease implements AutoCloseable {

    private final SessionPool pool;
    private final Session session;
    private boolean broken;
    private boolean done;

    SessionLease(SessionPool pool, Session session) {
        this.pool = pool;
        this.session = session;
    }

    /** The session; use it only on the thread holding the lease. */
    public Session session() {
        if (done) {
            throw new IllegalStateException("the session lease is already closed or detached");
        }
        return session;
    }

    /** The session failed in a way that makes it unusable: close it instead of returning it. */
    public void markBroken() {
        broken = true;
    }

    /**
     * Takes the session out of the pool for good and frees its place in the pool. The caller owns the session
     * from now on and must close it; session objects created in it live exactly as long as it does.
     */
    public Session detach() {
        Session owned = session();
        done = true;
        pool.detach();
        return owned;
    }

    /** Gives the session back to the pool (or closes it, if broken). */
    @Override
    public void close() {
        if (!done) {
            done = true;
            pool.giveBack(session, broken);
        }
    }
}
