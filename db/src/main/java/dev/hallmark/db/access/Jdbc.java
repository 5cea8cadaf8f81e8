package dev.hallmark.db.access;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Transactions and timestamps for the access and conformity tables: one place for the JDBC plumbing. */
public final class Jdbc {

    /** One unit of JDBC work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException, ProvisioningException;
    }

    private final DataSource source;

    public Jdbc(DataSource source) {
        this.source = source;
    }

    /** Runs the work in one transaction; {@code what} completes "could not ...". */
    public <T> T transaction(String what, Work<T> work) throws ProvisioningException {
        try (Connection c = source.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | ProvisioningException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED, "the audit database could not " + what,
                    e.getSQLState(), e);
        }
    }

    public static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
