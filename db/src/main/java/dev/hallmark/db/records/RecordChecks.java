package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.ChainVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies the audit chain and, in the same read-only snapshot, the records it vouches for beside its own tables: the
 * action log (against its anchors) and the conformity evidence (against its CONTROLS_RECORDED events).
 */
public final class RecordChecks {

    /** H2's snapshot isolation level (org.h2.engine.Constants.TRANSACTION_SNAPSHOT). */
    private static final int H2_SNAPSHOT = 6;

    private RecordChecks() {
    }

    /** Verifies everything on {@code c} (in auto-commit mode; a snapshot transaction is opened and rolled back). */
    public static RecordsReport verify(Connection c, ChainVerifier verifier) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        if (auto) {
            c.setAutoCommit(false);
            c.setTransactionIsolation("H2".equals(c.getMetaData().getDatabaseProductName())
                    ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            ChainReport chain = verifier.verify(c);
            List<ChainFinding> findings = new ArrayList<>(chain.findings());
            List<String> summaries = new ArrayList<>();
            summaries.add(new ActionLogCheck(c, findings::add).run());
            summaries.add(new ControlsCheck(c, findings::add).run());
            return new RecordsReport(new ChainReport(findings, chain.stations(), chain.legacyUnits()), summaries);
        } finally {
            if (auto) {
                c.rollback();
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        }
    }
}
