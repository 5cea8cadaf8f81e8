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
        return verify(c, new AuditTrust(verifier.pinsKeys() ? AuditTrust.Pin.AUDITOR : AuditTrust.Pin.UNPINNED,
                verifier.pinsKeys() ? "the keys the caller trusts" : "the keys stored with the checkpoints", verifier,
                List.of(), List.of(), List.of()));
    }

    /**
     * As {@link #verify(Connection, ChainVerifier)} with what {@code trust} brings from outside the database: its
     * pin, the token's head counter and the CA's issued log (decision 0018).
     */
    public static RecordsReport verify(Connection c, AuditTrust trust) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        if (auto) {
            c.setAutoCommit(false);
            c.setTransactionIsolation("H2".equals(c.getMetaData().getDatabaseProductName())
                    ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            ChainReport chain = trust.verifier().verify(c);
            List<ChainFinding> findings = new ArrayList<>(trust.pinFindings());
            findings.addAll(chain.findings());
            List<String> summaries = new ArrayList<>();
            summaries.add(new ActionLogCheck(c, findings::add).run());
            summaries.add(new ControlsCheck(c, findings::add).run());
            String counted = new HeadCounterCheck(c, findings::add).run(trust.tokenHeads());
            if (counted != null) {
                summaries.add(counted);
            }
            String issued = new IssuedCertificatesCheck(c, findings::add).run(trust.issued());
            if (issued != null) {
                summaries.add(issued);
            }
            return new RecordsReport(new ChainReport(findings, chain.stations(), chain.legacyUnits()), summaries,
                    trust.pin(), trust.pinLine());
        } finally {
            if (auto) {
                c.rollback();
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        }
    }
}
