package dev.hallmark.db.store;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs JDBC work on a pooled connection, in a transaction or not, and maps SQL errors to audit error codes. */
final class Sql {

    /** SQLState of a unique or primary-key violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);
    /** SQLStates outside class 08 that also mean the connection or the database is gone. */
    private static final Set<String> LOST = Set.of("57P01", "57P02", "57P03", "90067", "90098", "90121");

    /** JDBC work that may also refuse with a {@link ProvisioningException} of its own. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, ProvisioningException;
    }

    private final ConnectionPool pool;

    Sql(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Runs the work in auto-commit mode; {@code what} completes "could not ..." in the error sentence. */
    <T> T autoCommit(String what, Work<T> work) throws ProvisioningException {
        return run(what, work, false);
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) throws ProvisioningException {
        return run(what, work, true);
    }

    private <T> T run(String what, Work<T> work, boolean transaction) throws ProvisioningException {
        Connection c = pool.borrow();
        boolean broken = false;
        try {
            if (transaction) {
                c.setAutoCommit(false);
            }
            T result = work.run(c);
            if (transaction) {
                c.commit();
            }
            return result;
        } catch (SQLException e) {
            broken = isConnectionError(e);
            rollback(c, transaction, e);
            throw failure(what, e);
        } catch (ProvisioningException | RuntimeException e) {
            rollback(c, transaction, e);
            throw e;
        } finally {
            pool.release(c, broken || !resetAutoCommit(c));
        }
    }

    /** The error for a failed statement: one plain sentence, the SQLState as the raw detail. */
    ProvisioningException failure(String what, SQLException e) {
        if (isConnectionError(e)) {
            return new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                    "the audit database at " + pool.location() + " was lost and could not " + what,
                    e.getSQLState(), e);
        }
        return new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED,
                "the audit database could not " + what, e.getSQLState(), e);
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /**
     * Whether the connection is gone: SQLState class 08, PostgreSQL's shutdown states (57P01 admin shutdown, 57P02
     * crash shutdown, 57P03 cannot connect now), and H2's broken or closed connection.
     */
    static boolean isConnectionError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || LOST.contains(state));
    }

    private static void rollback(Connection c, boolean transaction, Exception cause) {
        if (!transaction) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean resetAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            LOG.warn("a connection to the audit database could not return to auto-commit ({}); dropping it",
                    e.getSQLState(), e);
            return false;
        }
    }

    /** Binds an instant as timestamp with time zone in UTC, at the microseconds both databases keep. */
    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Cuts free text to the column's width, marking the cut, so a long detail never loses the unit. */
    static String fit(String text, int width) {
        if (text == null || text.length() <= width) {
            return text;
        }
        String mark = " [truncated]";
        LOG.warn("a text of {} characters was cut to the column width {}", text.length(), width);
        return text.substring(0, width - mark.length()) + mark;
    }
}
