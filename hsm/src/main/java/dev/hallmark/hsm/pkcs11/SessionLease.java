package dev.hallmark.hsm.pkcs11;

import org.xipki.pkcs11.wrapper.Session;

/** One session checked out of a {@link SessionPool} by one thread; close it to give the session back. */
public final class SessionLease implements AutoCloseable {

    private final SessionPool pool;
    private final Session session;
    private final int generation;
    private boolean gone;
    private boolean done;

    SessionLease(SessionPool pool, Session session, int generation) {
        this.pool = pool;
        this.session = session;
        this.generation = generation;
    }

    /** The session; use it only on the thread holding the lease. */
    public Session session() {
        if (done) {
            throw new IllegalStateException("the session lease is already closed");
        }
        return session;
    }

    /** The pool's connection generation this session belongs to; it changes with every reconnect. */
    public int generation() {
        return generation;
    }

    /**
     * The token no longer knows the session (invalid handle, removed token): drop it without C_CloseSession, whose
     * handle number may already name a new session after a module reset.
     */
    public void markGone() {
        gone = true;
    }

    /** Gives the session back to the pool (or drops it, if the token lost it or it is from before a reconnect). */
    @Override
    public void close() {
        if (!done) {
            done = true;
            pool.giveBack(session, generation, gone);
        }
    }
}
