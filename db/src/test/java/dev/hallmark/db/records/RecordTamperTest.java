package dev.hallmark.db.records;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.exec;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.chain.History.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.access.JdbcActionLog;
import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.CheckpointReason;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.ActionChain;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ControlEvidence;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL edits, deletions, insertions and reorders of action-log and unit_controls rows, and bad checkpoint signatures,
 * each found and named by the verifier; a clean record holds.
 */
class RecordTamperTest {

    private static final String ST = "ST-01";
    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;
    private AuditDatabase db;
    private long unit;

    @BeforeEach
    void record() throws Exception {
        db = AuditDatabase.openH2(dir, History.signed(History.keys()));
        db.store().ensureLot(LOT, "sensor-v2", T);
        unit = History.passUnit(db.store(), ST, 1);
        JdbcActionLog log = new JdbcActionLog(AuditDataSources.embedded(dir));
        for (int i = 1; i <= 4; i++) {
            log.append(new ActionRecord(T.plusSeconds(i), "sam", "LOT_REPORT", LOT, null, "OK", "exit " + i));
        }
        new JdbcConformityRecords(AuditDataSources.embedded(dir), db.store()).record(List.of(
                new ControlEvidence(unit, "UNIQUE_IDENTITY", true, "serial HM000001", T),
                new ControlEvidence(unit, "DEBUG_LOCKED", true, "READ_MEMORY -> NACK", T),
                new ControlEvidence(unit, "KEY_IN_TOKEN", false, "software token", T)));
        db.store().checkpoint(ST, CheckpointReason.ON_DEMAND);
        log.append(new ActionRecord(T.plusSeconds(9), "sam", "AUDIT_VERIFY", null, null, "OK", "exit 0"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCleanRecordHoldsAndSaysWhatIsAnchored() throws Exception {
        RecordsReport report = db.verifyRecords(dev.hallmark.db.chain.ChainVerifier.acceptingStoredKeys());
        assertThat(report.ok()).as(report.lines().toString()).isTrue();
        assertThat(report.summaries()).containsExactly(
                "action log: 5 actions, anchored in signed station chains up to action 4 (1 actions after the last anchor)",
                "unit controls: 3 rows of 1 evidence records under the audit chain");
        try (Connection c = History.sqlConsole(dir)) {
            assertThat(string(c, "select detail from audit_events where kind = 'ACTIONS_ANCHORED'"))
                    .isEqualTo("actions seq 4 sha256 " + string(c, "select hash from operator_actions where seq = 4"));
            assertThat(longValue(c, "select count(*) from unit_controls where event_id = (select id from audit_events"
                    + " where kind = 'CONTROLS_RECORDED')")).isEqualTo(3);
        }
    }

    @Test
    void editedDeletedInsertedAndReorderedControlRowsAreNamed() throws Exception {
        try (Connection c = History.sqlConsole(dir)) {
            long first = longValue(c, "select min(id) from unit_controls");
            exec(c, "update unit_controls set satisfied = true where id = ?", first + 2);
            assertThat(only(FindingKind.EDITED)).singleElement().satisfies(f -> {
                assertThat(f.line()).startsWith("EDITED unit_controls #" + (first + 2) + " station ST-01 seq");
                assertThat(f.what()).contains("KEY_IN_TOKEN");
            });
            exec(c, "update unit_controls set satisfied = false where id = ?", first + 2);
            assertThat(verify()).isEmpty();

            swap(c, first, first + 1);
            assertThat(verify()).extracting(ChainFinding::kind, ChainFinding::rowId).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(FindingKind.REORDERED, first),
                    org.assertj.core.groups.Tuple.tuple(FindingKind.REORDERED, first + 1));
            swap(c, first, first + 1);

            exec(c, "insert into unit_controls (unit_id, control, satisfied, evidence, recorded_at, event_id)"
                    + " select unit_id, 'SECURE_BOOT', true, 'forged', recorded_at, event_id from unit_controls where id = ?",
                    first);
            exec(c, "insert into unit_controls (unit_id, control, satisfied, evidence, recorded_at)"
                    + " select unit_id, 'NO_DEFAULT_PASSWORD', true, 'forged', recorded_at from unit_controls where id = ?",
                    first);
            assertThat(verify()).extracting(ChainFinding::kind).containsExactly(FindingKind.INSERTED,
                    FindingKind.INSERTED);
            exec(c, "delete from unit_controls where id > ?", first + 2);

            exec(c, "delete from unit_controls where id = ?", first + 1);
            assertThat(verify()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKind.DELETED);
                assertThat(f.table()).isEqualTo("unit_controls");
                assertThat(f.what()).contains("unit #" + unit);
            });
        }
    }

    @Test
    void editedDeletedInsertedAndReorderedActionsAreNamed() throws Exception {
        try (Connection c = History.sqlConsole(dir)) {
            exec(c, "update operator_actions set operator = 'olga' where seq = 2");
            assertThat(verify()).extracting(ChainFinding::line)
                    .containsExactly("EDITED operator_actions seq 2: its fields no longer match its hash");
            exec(c, "update operator_actions set operator = 'sam' where seq = 2");

            swapActions(c, 2, 3);
            assertThat(only(FindingKind.REORDERED)).extracting(ChainFinding::seq).containsExactly(2L, 3L);
            swapActions(c, 2, 3);
            assertThat(verify()).isEmpty();

            exec(c, "insert into operator_actions (seq, at, operator, action, target, approver, outcome, detail,"
                    + " prev_hash, hash) select 6, at, operator, action, target, approver, outcome, detail, hash,"
                    + " hash from operator_actions where seq = 5");
            assertThat(verify()).extracting(ChainFinding::kind, ChainFinding::seq).contains(
                    org.assertj.core.groups.Tuple.tuple(FindingKind.INSERTED, 6L));
            exec(c, "delete from operator_actions where seq = 6");

            exec(c, "delete from operator_actions where seq = 3");
            assertThat(verify()).extracting(ChainFinding::line)
                    .containsExactly("DELETED operator_actions seq 3: actions 3 are missing");
        }
    }

    @Test
    void anActionLogRewrittenWholeIsFoundByItsSignedAnchor() throws Exception {
        try (Connection c = History.sqlConsole(dir)) {
            exec(c, "update operator_actions set detail = 'exit 0' where seq = 1");
            String prev = ActionChain.GENESIS;
            for (long seq = 1; seq <= 5; seq++) {
                ActionRecord a = action(c, seq);
                String hash = ActionChain.hash(seq, a, prev);
                exec(c, "update operator_actions set prev_hash = ?, hash = ? where seq = ?", prev, hash, seq);
                prev = hash;
            }
            exec(c, "update operator_action_head set hash = ? where id = 1", prev);
        }
        assertThat(verify()).extracting(ChainFinding::line).singleElement().asString()
                .startsWith("EDITED operator_actions seq 4: the action log was rewritten up to here")
                .contains("station ST-01 anchored it at seq");
    }

    @Test
    void aForgedAnchorOrABadCheckpointSignatureIsNamed() throws Exception {
        try (Connection c = History.sqlConsole(dir)) {
            exec(c, "update audit_events set detail = 'actions seq 1 sha256 ' || (select hash from operator_actions"
                    + " where seq = 1) where kind = 'ACTIONS_ANCHORED'");
            assertThat(verify()).extracting(ChainFinding::kind, ChainFinding::table).contains(
                    org.assertj.core.groups.Tuple.tuple(FindingKind.EDITED, "audit_events"));
            exec(c, "update audit_events set detail = 'actions seq 4 sha256 ' || (select hash from operator_actions"
                    + " where seq = 4) where kind = 'ACTIONS_ANCHORED'");
            assertThat(verify()).isEmpty();
            exec(c, "update audit_checkpoints set signature = ? where seq = (select max(seq) from audit_checkpoints)",
                    "MEUCIQ" + "A".repeat(60) + "==");
            assertThat(verify()).extracting(ChainFinding::kind).contains(FindingKind.BAD_CHECKPOINT_SIGNATURE);
        }
    }

    @Test
    void controlsAreWrittenOnlyThroughTheAuditStore() {
        JdbcConformityRecords readOnly = new JdbcConformityRecords(AuditDataSources.embedded(dir));
        assertThatThrownBy(() -> readOnly.record(List.of(new ControlEvidence(unit, "X", true, "y", T))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReworkReleasesTheDeviceOnceAndIsChained() throws Exception {
        db.store().recordRework(unit, "by sam, approved by ada; lock before READOUT_PROTECTED, after none");
        assertThat(db.store().reworked(unit)).isTrue();
        assertThatThrownBy(() -> db.store().recordRework(unit, "again")).isInstanceOfSatisfying(
                ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REWORK_REFUSED));
        long again = db.store().begin(LOT, ST, "F1", T);
        String serial = db.store().claim(again, dev.hallmark.db.testing.TestUnits.uid(1), History.CHIP, "HM");
        assertThat(serial).isNotEqualTo(db.store().unit(unit).orElseThrow().serial());
        assertThat(verify()).isEmpty();
    }

    private List<ChainFinding> verify() throws ProvisioningException {
        return db.verifyRecords(dev.hallmark.db.chain.ChainVerifier.acceptingStoredKeys()).chain().findings();
    }

    private List<ChainFinding> only(FindingKind kind) throws ProvisioningException {
        List<ChainFinding> all = verify();
        assertThat(all).extracting(ChainFinding::kind).containsOnly(kind);
        return all;
    }

    private static void swap(Connection c, long a, long b) throws Exception {
        String[] ca = {string(c, "select control from unit_controls where id = ?", a),
                string(c, "select evidence from unit_controls where id = ?", a)};
        exec(c, "update unit_controls set control = (select control from unit_controls where id = ?),"
                + " evidence = (select evidence from unit_controls where id = ?) where id = ?", b, b, a);
        exec(c, "update unit_controls set control = ?, evidence = ? where id = ?", ca[0], ca[1], b);
    }

    private static void swapActions(Connection c, long a, long b) throws Exception {
        exec(c, "update operator_actions set seq = -1 where seq = ?", a);
        exec(c, "update operator_actions set seq = ? where seq = ?", a, b);
        exec(c, "update operator_actions set seq = ? where seq = -1", b);
    }

    private static ActionRecord action(Connection c, long seq) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select at, operator, action, target, approver, outcome, detail"
                + " from operator_actions where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ActionRecord(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
            }
        }
    }
}
