package dev.hallmark.db.records;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.exec;
import static dev.hallmark.db.chain.History.longValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.AuditOptions;
import dev.hallmark.engine.port.ChainHeadWitness;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head counter (decision 0018) through the real chain log and verifier, with the counter held in memory (the
 * PKCS#11 data object is exercised by AuditTrustIT on SoftHSM2): it follows each checkpoint, a database cut back
 * behind it is TRUNCATED, a certificate in the CA's log no unit records is named, and an unpinned run exits 3.
 */
class HeadCounterTest {

    private static final String ST = "ST-01";

    /** A witness in memory with the port's contract: forward only. */
    static final class MemoryWitness implements ChainHeadWitness {
        final Map<String, Head> heads = new HashMap<>();

        @Override
        public synchronized Optional<Head> read(String station) {
            return Optional.ofNullable(heads.get(station));
        }

        @Override
        public synchronized void advance(Head head) {
            heads.merge(head.station(), head, (old, now) -> now.seq() > old.seq() ? now : old);
        }
    }

    @TempDir
    Path dir;
    private AuditDatabase db;
    private final MemoryWitness witness = new MemoryWitness();
    private String key;

    @BeforeEach
    void record() throws Exception {
        AuditOptions signed = History.signed(History.keys());
        CheckpointSigner signer = signed.signer().orElseThrow().withWitness(witness);
        key = signer.keySha256();
        db = AuditDatabase.openH2(dir, signed.withSigner(signer));
        db.store().ensureLot(LOT, "sensor-v2", Instant.parse("2026-11-28T10:00:00Z"));
        for (int i = 1; i <= 3; i++) {
            History.passUnit(db.store(), ST, i);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AuditTrust trust(List<AuditTrust.IssuedEntry> issued) {
        return new AuditTrust(AuditTrust.Pin.TOKEN, "test key", ChainVerifier.trusting(Set.of(key)), List.of(),
                witness.read(ST).map(List::of).orElse(List.of()), issued);
    }

    @Test
    void theCounterFollowsEachCheckpointAndAnIntactRecordHolds() throws Exception {
        try (Connection c = History.sqlConsole(dir)) {
            long newest = longValue(c, "select max(seq) from audit_checkpoints where station = ?", ST);
            assertThat(witness.read(ST)).get().extracting(ChainHeadWitness.Head::seq).isEqualTo(newest);
        }
        RecordsReport report = db.verifyRecords(trust(List.of()));
        assertThat(report.chain().findings()).isEmpty();
        assertThat(report.exitCode()).isZero();
        assertThat(report.lines()).first().asString().startsWith("pin: token");
        assertThat(report.lines()).anyMatch(l -> l.startsWith("token head counter: station ST-01 counted seq"));
    }

    @Test
    void checkpointsAndEventsCutBehindTheCounterAreNamedTruncated() throws Exception {
        try (Connection c = History.sqlConsole(dir)) {
            long last = longValue(c, "select max(id) from units");
            long keep = longValue(c, "select max(seq) from audit_checkpoints where seq < (select min(seq) from"
                    + " audit_events where unit_id = ?)", last);
            for (String table : new String[] {"step_events", "lock_evidence", "unit_certificates", "key_references",
                "unit_controls"}) {
                exec(c, "delete from " + table + " where event_id in (select id from audit_events where seq > ?)", keep);
            }
            exec(c, "delete from public_keys where public_key_sha256 not in (select public_key_sha256 from key_references)");
            exec(c, "delete from uid_claims where unit_id = ?", last);
            exec(c, "delete from lot_serials where unit_id = ?", last);
            exec(c, "delete from audit_checkpoints where seq > ?", keep);
            exec(c, "delete from audit_events where seq > ?", keep);
            exec(c, "delete from units where id = ?", last);
            exec(c, "update audit_chain_heads set seq = ?, hash = (select hash from audit_events where seq = ?)", keep,
                    keep);
        }
        assertThat(db.verifyRecords(ChainVerifier.trusting(Set.of(key))).ok())
                .as("without the counter the cut is not seen (the attack of issue 22)").isTrue();

        RecordsReport report = db.verifyRecords(trust(List.of()));
        assertThat(report.chain().findings(FindingKind.TRUNCATED)).singleElement()
                .satisfies(f -> assertThat(f.line()).startsWith("TRUNCATED audit_checkpoints station ST-01 seq ")
                        .contains("the records after it were cut off"));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void aCertificateTheCaIssuedThatNoUnitRecordsIsNamedUnlessRevoked() throws Exception {
        String recorded;
        try (Connection c = History.sqlConsole(dir)) {
            recorded = History.string(c, "select min(cert_sha256) from unit_certificates");
        }
        AuditTrust.IssuedEntry known = new AuditTrust.IssuedEntry("01", recorded, "CN=HM000001", false);
        AuditTrust.IssuedEntry stray = new AuditTrust.IssuedEntry("7F", "ab".repeat(32), "CN=HM000009", false);
        AuditTrust.IssuedEntry revoked = new AuditTrust.IssuedEntry("80", "cd".repeat(32), "CN=HM000010", true);

        RecordsReport report = db.verifyRecords(trust(List.of(known, stray, revoked)));

        assertThat(report.chain().findings(FindingKind.UNRECORDED_CERTIFICATE)).singleElement()
                .satisfies(f -> assertThat(f.line()).contains("serial 7F", "ab".repeat(32)));
        assertThat(report.lines()).contains("CA issued log: 3 certificates, 1 revoked, 1 recorded by no unit");
    }

    @Test
    void aTrustListTrustsEachStationOnlyWithTheKeyListedForIt() throws Exception {
        assertThat(db.verifyRecords(ChainVerifier.trustingStations(Map.of(ST, Set.of(key)))).ok()).isTrue();
        assertThat(db.verifyRecords(ChainVerifier.trustingStations(Map.of("ST-02", Set.of(key))))
                .chain().findings(FindingKind.BAD_CHECKPOINT_SIGNATURE))
                .isNotEmpty().allSatisfy(f -> assertThat(f.what()).contains("station ST-01 is not on the trust list"));
        assertThat(db.verifyRecords(ChainVerifier.trustingStations(Map.of(ST, Set.of("00".repeat(32)))))
                .chain().findings(FindingKind.BAD_CHECKPOINT_SIGNATURE))
                .isNotEmpty().allSatisfy(f -> assertThat(f.what()).contains("not station ST-01's key on the trust list"));
    }

    @Test
    void aRunWithoutAPinHoldsNothingAndExitsFour() throws Exception {
        RecordsReport report = db.verifyRecords(AuditTrust.unpinned("no token in reach"));
        assertThat(report.chain().findings()).isEmpty();
        assertThat(report.exitCode()).isEqualTo(RecordsReport.UNPINNED_EXIT);
        assertThat(report.lines()).first().asString().isEqualTo("pin: unpinned (no token in reach)");
        assertThat(report.lines()).last().asString().startsWith("UNPINNED: ").doesNotContain("OK: the audit record holds");
    }
}
