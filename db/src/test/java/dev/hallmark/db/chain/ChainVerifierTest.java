package dev.hallmark.db.chain;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.event;
import static dev.hallmark.db.chain.History.exec;
import static dev.hallmark.db.chain.History.forge;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.SoftwareBuild;
import dev.hallmark.engine.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Base64;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier against a real history on H2, changed underneath with SQL in every way a tamperer could: each test
 * makes one change and asserts the report names exactly the rows it touched, and nothing else.
 */
class ChainVerifierTest {

    private static final String ST1 = "ST-01";
    private static final String ST2 = "ST-02";

    /** One recorded history, copied for each test so each tampers with its own database. */
    @TempDir
    static Path template;
    private static long unit1;
    private static long unit2;
    private static long unit3;
    private static long unit5;

    @TempDir
    Path dir;
    private AuditDatabase db;
    private Connection sql;

    @BeforeAll
    static void record() throws Exception {
        try (AuditDatabase recording = AuditDatabase.openH2(template, History.signed(History.keys()))) {
            JdbcAuditStore store = recording.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            unit1 = History.passUnit(store, ST1, 1);
            unit2 = History.resumedUnit(store, ST1, 2);
            unit3 = History.failUnit(store, ST1, 3);
            History.passUnit(store, ST1, 4);
            unit5 = History.passUnit(store, ST2, 5);
        }
    }

    @BeforeEach
    void open() throws Exception {
        Files.copy(template.resolve("hallmark.mv.db"), dir.resolve("hallmark.mv.db"));
        db = AuditDatabase.openH2(dir);
        sql = History.sqlConsole(dir);
    }

    @AfterEach
    void close() throws Exception {
        sql.close();
        db.close();
    }

    @Test
    void theUntouchedRecordHolds() throws Exception {
        ChainReport report = db.verifyChain();

        assertThat(report.findings()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(report.stations()).extracting(StationSummary::station, StationSummary::events,
                StationSummary::headSeq, StationSummary::checkpoints, StationSummary::anchoredSeq)
                .containsExactly(tuple(ST1, 56L, 56L, 4L, 56L), tuple(ST2, 21L, 21L, 1L, 21L));
        assertThat(report.stations().get(0).signerKeys()).hasSize(1);
        assertThat(report.lines()).last().isEqualTo("OK: the audit record holds");
    }

    @Test
    void anEditedDetailIsNamed() throws Exception {
        exec(sql, "update audit_events set detail = 'serial HM999999' where station = ? and seq = 6", ST1);

        assertFindings(tuple(FindingKind.EDITED, "audit_events", eventId(ST1, 6), ST1, 6L));
    }

    @Test
    void anEditedJournalRowIsNamed() throws Exception {
        long row = longValue(sql, "select id from step_events where event_id = ?", eventId(ST1, 6));
        exec(sql, "update step_events set detail = 'serial HM999999' where id = ?", row);

        assertFindings(tuple(FindingKind.EDITED, "step_events", row, ST1, 6L));
    }

    @Test
    void anEditedUnitIsNamed() throws Exception {
        exec(sql, "update units set result = 'PASS', failed_step = null, error_code = null, cause = null"
                + " where id = ?", unit3);

        ChainReport report = assertFindings(tuple(FindingKind.EDITED, "units", unit3, ST1, 35L));
        assertThat(report.findings().get(0).what()).contains("result is 'PASS', the chain says 'FAILED'");
    }

    @Test
    void everyUnitRowCarriesTheSoftwareThatMadeIt() throws Exception {
        SoftwareBuild made = SoftwareBuild.current();

        assertThat(longValue(sql, "select count(*) from units where software_version = ? and build_id = ?",
                made.version(), made.buildId())).isEqualTo(longValue(sql, "select count(*) from units"));
        assertThat(event(sql, ST1, 1).event().detail())
                .isEqualTo("software " + made.version() + " build " + made.buildId());
    }

    @Test
    void anEditedSoftwareVersionIsNamed() throws Exception {
        exec(sql, "update units set software_version = '0.0.9' where id = ?", unit3);

        long begun = longValue(sql, "select seq from audit_events where unit_id = ? and kind = 'UNIT_BEGUN'", unit3);

        ChainReport report = assertFindings(tuple(FindingKind.EDITED, "units", unit3, ST1, begun));
        assertThat(report.findings().get(0).what())
                .contains("software version is '0.0.9', the chain says '" + SoftwareBuild.current().version() + "'");
    }

    @Test
    void anEditedBuildIdIsNamed() throws Exception {
        exec(sql, "update units set build_id = 'cafe00000000' where id = ?", unit1);

        ChainReport report = assertFindings(tuple(FindingKind.EDITED, "units", unit1, ST1, 1L));
        assertThat(report.findings().get(0).what())
                .contains("build id is 'cafe00000000', the chain says '" + SoftwareBuild.current().buildId() + "'");
    }

    @Test
    void aRowRewrittenWithANewHashIsNamed() throws Exception {
        ChainedEvent original = event(sql, ST1, 6);
        AuditEvent edited = AuditEvent.step(ST1, LOT, unit1, original.event().at(), "CLAIM", "DONE", "serial X");
        exec(sql, "update audit_events set detail = ?, hash = ? where id = ?", edited.detail(),
                ChainFormat.eventHash(edited, 6, original.prevHash()), original.id());
        exec(sql, "update step_events set detail = ? where event_id = ?", edited.detail(), original.id());

        ChainReport report = assertFindings(tuple(FindingKind.EDITED, "audit_events", original.id(), ST1, 6L));
        assertThat(report.findings().get(0).what()).contains("rewritten with a new hash");
    }

    @Test
    void aDeletedRowIsNamed() throws Exception {
        long id = eventId(ST1, 7);
        exec(sql, "delete from step_events where event_id = ?", id);
        exec(sql, "delete from audit_events where id = ?", id);

        assertFindings(tuple(FindingKind.DELETED, "audit_events", null, ST1, 7L));
    }

    @Test
    void aDeletedClaimIsNamedAndTheUnitNoLongerAgreesWithTheChain() throws Exception {
        exec(sql, "delete from audit_events where station = ? and seq = 4", ST1);

        assertFindings(tuple(FindingKind.DELETED, "audit_events", null, ST1, 4L),
                tuple(FindingKind.EDITED, "units", unit1, ST1, 1L));
    }

    @Test
    void aDeletedTailIsNamed() throws Exception {
        long checkpoint = longValue(sql, "select id from audit_checkpoints where station = ?", ST2);
        exec(sql, "delete from audit_events where station = ? and seq = 21", ST2);

        assertFindings(tuple(FindingKind.CHECKPOINT_MISMATCH, "audit_checkpoints", checkpoint, ST2, 21L),
                tuple(FindingKind.DELETED, "audit_events", null, ST2, 21L),
                tuple(FindingKind.EDITED, "units", unit5, ST2, 1L));
    }

    @Test
    void aForgedRowAtTheEndIsNamed() throws Exception {
        ChainedEvent head = event(sql, ST1, 56);
        long forged = forge(sql, 57, head.hash(), AuditEvent.step(ST1, LOT, unit1, at(9), "VERIFY", "DONE", "ok"));

        assertFindings(tuple(FindingKind.INSERTED, "audit_events", forged, ST1, 57L));
    }

    @Test
    void aForgedRowInTheMiddleIsNamed() throws Exception {
        exec(sql, "update audit_events set seq = seq + 1000001 where station = ? and seq > 10", ST1);
        exec(sql, "update audit_events set seq = seq - 1000000 where station = ? and seq > 1000000", ST1);
        exec(sql, "update audit_chain_heads set seq = seq + 1 where station = ?", ST1);
        long forged = forge(sql, 11, event(sql, ST1, 10).hash(),
                AuditEvent.step(ST1, LOT, unit1, at(4), "CSR", "DONE", "a second CSR"));

        assertFindings(tuple(FindingKind.INSERTED, "audit_events", forged, ST1, 11L));
    }

    @Test
    void twoRowsThatSwappedPlacesAreNamed() throws Exception {
        long a = eventId(ST1, 8);
        long b = eventId(ST1, 9);
        exec(sql, "update audit_events set seq = 1000000 where id = ?", a);
        exec(sql, "update audit_events set seq = 8 where id = ?", b);
        exec(sql, "update audit_events set seq = 9 where id = ?", a);

        assertFindings(tuple(FindingKind.REORDERED, "audit_events", b, ST1, 8L),
                tuple(FindingKind.REORDERED, "audit_events", a, ST1, 9L));
    }

    @Test
    void twoRowsThatSwappedContentsAreNamed() throws Exception {
        ChainedEvent a = event(sql, ST1, 14);
        ChainedEvent b = event(sql, ST1, 15);
        History.overwriteFields(sql, a.id(), b.event());
        History.overwriteFields(sql, b.id(), a.event());

        assertFindings(tuple(FindingKind.REORDERED, "audit_events", a.id(), ST1, 14L),
                tuple(FindingKind.REORDERED, "audit_events", b.id(), ST1, 15L));
    }

    @Test
    void aTamperedCheckpointSignatureIsNamed() throws Exception {
        long id = longValue(sql, "select min(id) from audit_checkpoints where station = ?", ST1);
        byte[] signature = Base64.getDecoder().decode(History.string(sql,
                "select signature from audit_checkpoints where id = ?", id));
        signature[signature.length - 1] ^= 0x01;
        exec(sql, "update audit_checkpoints set signature = ? where id = ?",
                Base64.getEncoder().encodeToString(signature), id);

        ChainReport report = assertFindings(tuple(FindingKind.BAD_CHECKPOINT_SIGNATURE, "audit_checkpoints", id,
                ST1, 21L));
        assertThat(report.stations().get(0).anchoredSeq()).isEqualTo(56);
    }

    @Test
    void aCheckpointMovedToAnotherHeadIsNamed() throws Exception {
        long id = longValue(sql, "select min(id) from audit_checkpoints where station = ?", ST1);
        exec(sql, "update audit_checkpoints set seq = 20, head_hash = ? where id = ?", event(sql, ST1, 20).hash(), id);

        assertFindings(tuple(FindingKind.BAD_CHECKPOINT_SIGNATURE, "audit_checkpoints", id, ST1, 20L));
    }

    @Test
    void aChainRewrittenWithValidHashesIsCaughtByItsSignedCheckpoints() throws Exception {
        ChainedEvent target = event(sql, ST1, 6);
        exec(sql, "update audit_events set detail = 'serial X' where id = ?", target.id());
        exec(sql, "update step_events set detail = 'serial X' where event_id = ?", target.id());
        History.rehash(sql, ST1, 6);

        ChainReport report = db.verifyChain();

        assertThat(report.findings()).extracting(ChainFinding::kind, ChainFinding::seq).containsExactly(
                tuple(FindingKind.CHECKPOINT_MISMATCH, 21L), tuple(FindingKind.CHECKPOINT_MISMATCH, 31L),
                tuple(FindingKind.CHECKPOINT_MISMATCH, 35L), tuple(FindingKind.CHECKPOINT_MISMATCH, 56L));
        assertThat(report.findings().get(0).what()).contains("changed at or before seq 21");
        assertThat(report.stations().get(0).anchoredSeq()).isZero();
    }

    @Test
    void checkpointsCountOnlyWhenSignedByATrustedKey() throws Exception {
        ChainReport untrusted = db.verifyChain(ChainVerifier.trusting(Set.of("00".repeat(32))));
        assertThat(untrusted.findings()).hasSize(5)
                .allMatch(f -> f.kind() == FindingKind.BAD_CHECKPOINT_SIGNATURE && f.what().contains("not a trusted"));

        String stationKey = db.verifyChain().stations().get(0).signerKeys().iterator().next();
        assertThat(db.verifyChain(ChainVerifier.trusting(Set.of(stationKey))).ok()).isTrue();
    }

    @Test
    void aDeletedJournalRowIsNamed() throws Exception {
        exec(sql, "delete from step_events where event_id = ?", eventId(ST1, 9));

        assertFindings(tuple(FindingKind.DELETED, "step_events", null, ST1, 9L));
    }

    @Test
    void aForgedJournalRowIsNamed() throws Exception {
        exec(sql, "insert into step_events (unit_id, step, status, at, detail) values (?, 'LOCK', 'DONE',"
                + " current_timestamp, 'locked')", unit3);
        long row = longValue(sql, "select max(id) from step_events");

        assertFindings(tuple(FindingKind.INSERTED, "step_events", row, ST1, null));
    }

    @Test
    void aSupersededCertificateReplacedUnderneathIsNamed() throws Exception {
        long first = longValue(sql, "select min(id) from unit_certificates where unit_id = ?", unit2);
        exec(sql, "update unit_certificates set cert_pem = ? where id = ?",
                Pem.certificate(certificate("HM-forged")), first);

        ChainReport report = assertFindings(tuple(FindingKind.EDITED, "unit_certificates", first, ST1, 24L));
        assertThat(report.findings().get(0).what()).contains("does not hash to the fingerprint");
    }

    @Test
    void deletedLockEvidenceIsNamed() throws Exception {
        exec(sql, "delete from lock_evidence where unit_id = ?", unit1);

        assertFindings(tuple(FindingKind.DELETED, "lock_evidence", unit1, ST1, 18L));
    }

    @Test
    void lockEvidenceSetBackToAnEarlierObservationIsNamed() throws Exception {
        ChainedEvent earlier = event(sql, ST1, 27);
        assertThat(earlier.event().locked()).isFalse();
        exec(sql, "update lock_evidence set locked = false, observations = ?, event_id = ? where unit_id = ?",
                earlier.event().detail(), earlier.id(), unit2);

        ChainReport report = assertFindings(tuple(FindingKind.EDITED, "lock_evidence", unit2, ST1, 28L));
        assertThat(report.findings().get(0).what()).contains("not its latest chained observation");
    }

    @Test
    void aMissingChainHeadIsNamed() throws Exception {
        exec(sql, "delete from audit_chain_heads where station = ?", ST2);

        assertFindings(tuple(FindingKind.DELETED, "audit_chain_heads", null, ST2, null));
    }

    @Test
    void aForgedUnitIsNamed() throws Exception {
        exec(sql, "insert into units (lot_id, station, fixture, result, serial, uid, chip_family, started_at)"
                + " values (?, ?, 'F9', 'PASS', 'HM000777', 'feed', 'STM32F4', current_timestamp)", LOT, ST1);
        long forged = longValue(sql, "select max(id) from units");

        assertFindings(tuple(FindingKind.INSERTED, "units", forged, ST1, null));
    }

    @Test
    void theReportPrintsOneFindingPerLineAndFails() throws Exception {
        exec(sql, "update audit_events set detail = 'x' where station = ? and seq = 6", ST1);
        StringBuilder out = new StringBuilder();

        int exit = db.verifyChain().print(out);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().split("\n")[0]).isEqualTo("EDITED audit_events #" + eventId(ST1, 6)
                + " station ST-01 seq 6: the event no longer matches its hash: its fields were changed after it was"
                + " written");
        assertThat(out.toString()).endsWith("FAILED: 1 finding(s)\n");
    }

    private long eventId(String station, long seq) throws Exception {
        return longValue(sql, "select id from audit_events where station = ? and seq = ?", station, seq);
    }

    private ChainReport assertFindings(Tuple... expected) throws Exception {
        ChainReport report = db.verifyChain();
        assertThat(report.findings()).extracting(ChainFinding::kind, ChainFinding::table, ChainFinding::rowId,
                ChainFinding::station, ChainFinding::seq).containsExactlyInAnyOrder(expected);
        assertThat(report.ok()).isFalse();
        assertThat(report.exitCode()).isEqualTo(1);
        return report;
    }
}
