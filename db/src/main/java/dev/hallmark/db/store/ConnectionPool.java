package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A tiny fixed-size JDBC connection pool: each worker thread borrows a connection of its own and gives it back. */
final class ConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    /** A connection idle longer than this is validated before it is lent again. */
    private static final long VALIDATE_AFTER_NANOS = 1_000_000_000L;
    private static final int VALIDATE_SECONDS = 2;

    /** A connection waiting in the pool, and since when. */
    private record Idle(Connection connection, long since) {
    }

    private final String url;
    private final String user;
    private final char[] password;
    private final String location;
    private final Semaphore permits;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(String url, String user, char[] password, String location, int size) {
        this.url = url;
        this.user = user;
        this.password = password == null ? new char[0] : password.clone();
        this.location = location;
        this.permits = new Semaphore(size, true);
    }

    /** Where the database is, as an operator names it; never contains a password. */
    String location() {
        return location;
    }

    /** Opens a new connection; the caller closes it or hands it back with {@link #release}. */
    synchronized Connection open() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool is closed", "08003");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", new String(password));
        return DriverManager.getConnection(url, props);
    }

    /** Borrows a newly opened connection, failing with the driver's own error; give it back with {@link #release}. */
    Connection borrowNew() throws SQLException {
        if (!permits.tryAcquire()) {
            throw new SQLException("no connection is free in the pool", "08004");
        }
        try {
            return open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Borrows a connection in auto-commit mode, waiting while all are in use. */
    Connection borrow() throws ProvisioningException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED,
                    "the station was interrupted while waiting for the audit database", null, e);
        }
        try {
            Connection c = takeIdle();
            if (c == null) {
                c = open();
            }
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            permits.release();
            String what = isClosed() ? " is closed" : " cannot be reached";
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                    "the audit database at " + location + what, e.getSQLState(), e);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** An idle connection that is still open; one idle for a while is asked first whether it still works. */
    private Connection takeIdle() throws SQLException {
        while (true) {
            Idle next;
            synchronized (this) {
                next = idle.pollFirst();
            }
            if (next == null) {
                return null;
            }
            boolean stale = System.nanoTime() - next.since() > VALIDATE_AFTER_NANOS;
            if (!next.connection().isClosed() && (!stale || next.connection().isValid(VALIDATE_SECONDS))) {
                return next.connection();
            }
            LOG.info("a pooled connection to the audit database at {} is gone; opening another", location);
            closeQuietly(next.connection());
        }
    }

    /**
     * Gives a borrowed connection back. A broken one (the database was lost) is closed, and so are the idle ones,
     * which were most likely lost with it: the next borrower opens a new connection once the database is back.
     */
    void release(Connection c, boolean broken) {
        try {
            boolean keep;
            Deque<Idle> lost = new ArrayDeque<>();
            synchronized (this) {
                keep = !closed && !broken;
                if (keep) {
                    idle.addFirst(new Idle(c, System.nanoTime()));
                } else if (broken) {
                    lost.addAll(idle);
                    idle.clear();
                }
            }
            if (!keep) {
                closeQuietly(c);
            }
            lost.forEach(i -> closeQuietly(i.connection()));
        } finally {
            permits.release();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            while (!idle.isEmpty()) {
                closeQuietly(idle.pollFirst().connection());
            }
            Arrays.fill(password, '\0');
        }
    }

    private void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("closing a connection to the audit database at {} failed ({})", location, e.getSQLState(), e);
        }
    }
}
