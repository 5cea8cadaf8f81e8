package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.Checkpoint;
import dev.hallmark.db.chain.CheckpointReason;
import dev.hallmark.db.chain.History;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store appends to the chain for each write, and when it signs checkpoints. */
class AuditChainTest {

    private static final String ST = "ST-01";

    @TempDir
    Path dir;

    @Test
    void eachWriteAppendsOneEventOfItsKindInOrder() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()))) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            long id = store.begin(LOT, ST, "F1", at(1));
            String serial = store.claim(id, uid(1), "STM32F4", "HM");
            assertThat(store.claim(id, uid(1), "STM32F4", "HM")).isEqualTo(serial);
            store.recordStep(id, new StepEvent(Step.CLAIM, StepStatus.DONE, at(2), "serial " + serial));
            X509Certificate cert = certificate(serial);
            store.recordCertificate(id, cert);
            store.recordCertificate(id, cert);
            store.recordLockEvidence(id, evidence(true));
            store.finish(id, passed(serial, uid(1), Pem.sha256(cert)), at(3));
            store.finish(id, passed(serial, uid(1), Pem.sha256(cert)), at(4));

            try (Connection c = History.sqlConsole(dir)) {
                assertThat(rows(c, "select seq, kind, unit_id from audit_events where station = 'ST-01' order by seq"))
                        .containsExactly(List.of("1", "UNIT_BEGUN", "1"), List.of("2", "UNIT_CLAIMED", "1"),
                                List.of("3", "STEP", "1"), List.of("4", "CERTIFICATE", "1"),
                                List.of("5", "LOCK_EVIDENCE", "1"), List.of("6", "UNIT_SEALED", "1"));
                assertThat(rows(c, "select seq, hash from audit_chain_heads")).containsExactly(
                        List.of("6", History.event(c, ST, 6).hash()));
                assertThat(rows(c, "select seq, reason from audit_checkpoints")).containsExactly(List.of("6", "SEAL"));
                assertThat(longValue(c, "select count(*) from step_events where event_id = (select id from"
                        + " audit_events where seq = 3)")).isEqualTo(1);
            }
            assertThat(db.verifyChain().ok()).isTrue();
        }
    }

    @Test
    void aSupersededCertificateAndItsRevocationAreBothRecorded() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()))) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            long id = store.begin(LOT, ST, "F1", at(1));
            String serial = store.claim(id, uid(1), "STM32F4", "HM");
            X509Certificate lost = certificate(serial);
            X509Certificate reissued = certificate(serial);
            store.recordCertificate(id, lost);
            store.recordCertificate(id, reissued);
            store.recordRevocation(id, Pem.sha256(lost), RevocationReason.SUPERSEDED, at(2));
            store.recordRevocation(id, Pem.sha256(lost), RevocationReason.SUPERSEDED, at(3));

            assertThat(store.certificates(id)).extracting(UnitCertificate::sha256, UnitCertificate::pem,
                    UnitCertificate::current, UnitCertificate::revocation).containsExactly(
                    tuple(Pem.sha256(lost), Pem.certificate(lost), false, "SUPERSEDED (CRLReason 4)"),
                    tuple(Pem.sha256(reissued), Pem.certificate(reissued), true, null));
            assertThat(store.unit(id).orElseThrow().certificateSha256()).isEqualTo(Pem.sha256(reissued));
            assertThatThrownBy(() -> store.recordCertificate(id, lost))
                    .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
                        assertThat(e.getMessage()).contains("superseded");
                    });
            long other = store.begin(LOT, ST, "F2", at(4));
            assertThatThrownBy(() -> store.recordCertificate(other, lost))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.getMessage()).contains("already recorded for unit " + serial));
            assertThatThrownBy(() -> store.recordRevocation(other, Pem.sha256(lost), RevocationReason.SUPERSEDED,
                    at(5))).isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            try (Connection c = History.sqlConsole(dir)) {
                assertThat(rows(c, "select kind, detail from audit_events where kind in ('CERTIFICATE',"
                        + " 'CERTIFICATE_REVOKED') order by seq")).containsExactly(
                        java.util.Arrays.asList("CERTIFICATE", null),
                        List.of("CERTIFICATE", "supersedes certificate " + Pem.sha256(lost)),
                        List.of("CERTIFICATE_REVOKED", "SUPERSEDED (CRLReason 4)"));
            }
            assertThat(db.verifyChain().ok()).isTrue();
        }
    }

    @Test
    void checkpointsAreSignedEveryNEventsAtSealAtLotCloseAndAtClose() throws Exception {
        AuditOptions options = History.signed(History.keys()).withCheckpointEvery(5).withCheckpointAtSeal(false);
        try (AuditDatabase db = AuditDatabase.openH2(dir, options)) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            long id = store.begin(LOT, ST, "F1", at(1));
            for (int i = 0; i < 11; i++) {
                store.recordStep(id, new StepEvent(Step.KEYGEN, StepStatus.STARTED, at(i), "try " + i));
            }
            Checkpoint atClose = store.checkpoint(ST, CheckpointReason.LOT_CLOSE).orElseThrow();
            assertThat(atClose.seq()).isEqualTo(12);
            assertThat(atClose.reason()).isEqualTo("LOT_CLOSE");
            assertThat(store.checkpoint("ST-NOTHING-YET", CheckpointReason.ON_DEMAND)).isEmpty();
            store.recordStep(id, new StepEvent(Step.KEYGEN, StepStatus.DONE, at(20), null));
        }
        try (AuditDatabase db = AuditDatabase.openH2(dir); Connection c = History.sqlConsole(dir)) {
            assertThat(rows(c, "select seq, reason from audit_checkpoints order by id")).containsExactly(
                    List.of("5", "INTERVAL"), List.of("10", "INTERVAL"), List.of("12", "LOT_CLOSE"),
                    List.of("13", "CLOSE"));
            ChainReport report = db.verifyChain();
            assertThat(report.ok()).isTrue();
            assertThat(report.stations().get(0).anchoredSeq()).isEqualTo(13);
            assertThat(report.stations().get(0).unanchored()).isZero();
        }
    }

    @Test
    void withoutAStationKeyTheChainIsKeptButNothingIsSigned() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            History.passUnit(store, ST, 1);

            assertThatThrownBy(() -> store.checkpoint(ST, CheckpointReason.LOT_CLOSE))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
            ChainReport report = db.verifyChain();
            assertThat(report.ok()).isTrue();
            assertThat(report.stations()).singleElement().satisfies(s -> {
                assertThat(s.headSeq()).isEqualTo(21);
                assertThat(s.checkpoints()).isZero();
                assertThat(s.unanchored()).isEqualTo(21);
            });
            assertThat(report.lines()).anyMatch(l -> l.contains("21 events after the last signed checkpoint"));
        }
    }

    static List<List<String>> rows(Connection c, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
