package dev.hallmark.db.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.access.JdbcActionLog;
import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.chain.CheckpointReason;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.records.RecordsReport;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ControlEvidence;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** V8 on a real PostgreSQL 15: controls and the action log under the signed checkpoints, and SQL edits of both found. */
class RecordsPostgresIT {

    @RegisterExtension
    static final PostgresFixture PG = new PostgresFixture();

    @Test
    void controlsAndAnchoredActionsVerifyAndTheirEditsAreNamed() throws Exception {
        PG.cluster().createDatabase("records");
        String url = PG.cluster().url("records");
        Instant t = Instant.parse("2026-11-28T10:00:00.123456Z");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0],
                History.signed(History.keys()))) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(url);
            source.setUser(PostgresCluster.USER);
            db.store().ensureLot(History.LOT, "sensor-v2", t);
            long unit = History.passUnit(db.store(), "ST-01", 1);
            JdbcActionLog log = new JdbcActionLog(source);
            for (int i = 1; i <= 3; i++) {
                log.append(new ActionRecord(t.plusSeconds(i), "sam", "LOT_REPORT", History.LOT, null, "OK", "exit 0"));
            }
            new JdbcConformityRecords(source, db.store()).record(List.of(
                    new ControlEvidence(unit, "UNIQUE_IDENTITY", true, "serial", t),
                    new ControlEvidence(unit, "DEBUG_LOCKED", true, "READ_MEMORY -> NACK", t)));
            db.store().checkpoint("ST-01", CheckpointReason.ON_DEMAND);

            RecordsReport clean = db.verifyRecords(ChainVerifier.acceptingStoredKeys());
            assertThat(clean.ok()).as(clean.lines().toString()).isTrue();
            assertThat(clean.summaries()).containsExactly(
                    "action log: 3 actions, anchored in signed station chains up to action 3",
                    "unit controls: 2 rows of 1 evidence records under the audit chain");

            try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("update unit_controls set evidence = 'forged' where control = 'DEBUG_LOCKED'");
                s.executeUpdate("delete from operator_actions where seq = 2");
            }
            List<ChainFinding> found = db.verifyRecords(ChainVerifier.acceptingStoredKeys()).chain().findings();
            assertThat(found).extracting(ChainFinding::kind, ChainFinding::table).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(FindingKind.EDITED, "unit_controls"),
                    org.assertj.core.groups.Tuple.tuple(FindingKind.DELETED, "operator_actions"));
        }
    }
}
