package dev.hallmark.db.query;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.sql.SQLException;

/** Turns a failed read into the one exception of Hallmark: a plain sentence, the SQLState as raw detail. */
final class ReadFailures {

    private ReadFailures() {
    }

    /** {@code what} completes "could not ..."; a lost connection is said as such. */
    static ProvisioningException of(String what, SQLException e) {
        boolean lost = e.getSQLState() != null && e.getSQLState().startsWith("08");
        String sentence = lost ? "the audit database was lost and could not " + what
                : "the audit database could not " + what;
        String raw = e.getSQLState() != null ? e.getSQLState() : String.valueOf(e.getErrorCode());
        return new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, sentence, raw, e);
    }
}
