package dev.hallmark.db.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.chain.StationSummary;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's records are the station's own as far as {@code hallmark audit verify} can tell: 2,000 generated
 * units verify without a finding, and rows changed underneath with SQL are named, as in a station's database: an
 * edited event, then an edited unit together with two events that swapped places.
 */
class GeneratedRecordTest {

    private static final int UNITS = 2_000;

    @TempDir
    Path dir;

    @Test
    void theGeneratedRecordVerifiesAndAnEditedRowIsNamed() throws Exception {
        GeneratedArchive.ensure(dir, UNITS);
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            ChainReport clean = db.verifyChain();
            assertThat(clean.findings()).isEmpty();
            assertThat(clean.exitCode()).isZero();
            assertThat(clean.stations()).hasSize(4).allSatisfy(s -> {
                assertThat(s.events()).isEqualTo(s.headSeq()).isGreaterThan(10L * UNITS / 4);
                assertThat(s.anchoredSeq()).as("the last event is under a signed checkpoint").isEqualTo(s.headSeq());
                assertThat(s.signerKeys()).hasSize(1);
            });
            assertThat(clean.stations().stream().mapToLong(StationSummary::checkpoints).sum())
                    .as("a checkpoint per sealed unit at least").isGreaterThanOrEqualTo(UNITS);

            long id;
            String station;
            long seq;
            String serial;
            long[] swapped;
            try (Connection c = AuditDataSources.embedded(dir).getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("select id, station, seq, serial from audit_events"
                        + " where kind = 'UNIT_CLAIMED' and unit_id = 1234");
                     ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    id = rs.getLong(1);
                    station = rs.getString(2);
                    seq = rs.getLong(3);
                    serial = rs.getString(4);
                }
                update(c, "update audit_events set serial = 'HM9999999' where id = ?", id);
            }

            ChainReport tampered = db.verifyChain();
            assertThat(tampered.exitCode()).isNotZero();
            assertThat(tampered.findings(FindingKind.EDITED)).extracting(ChainFinding::table, ChainFinding::rowId,
                    ChainFinding::station, ChainFinding::seq).contains(tuple("audit_events", id, station, seq));
            assertThat(tampered.findings()).allSatisfy(f -> assertThat(f.line()).contains(station));

            try (Connection c = AuditDataSources.embedded(dir).getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("update audit_events set serial = ? where id = ?")) {
                    ps.setString(1, serial);
                    ps.setLong(2, id);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                assertThat(db.verifyChain().findings()).as("the serial put back").isEmpty();
                update(c, "update units set result = 'PASS', failed_step = null where id = ?", failedUnit(c));
                swapped = swapTwoSteps(c);
            }
            // the swap puts ST-01 out of seq order by id: the verifier walks it again alone, in two batches
            ChainReport edited = db.verifyChain();
            assertThat(edited.findings()).hasSize(3);
            assertThat(edited.findings(FindingKind.EDITED)).singleElement().satisfies(f -> {
                assertThat(f.table()).isEqualTo("units");
                assertThat(f.what()).contains("result is 'PASS', the chain says 'FAILED'");
            });
            assertThat(edited.findings(FindingKind.REORDERED)).extracting(ChainFinding::table, ChainFinding::rowId,
                    ChainFinding::station, ChainFinding::seq).containsExactly(
                    tuple("audit_events", swapped[1], "ST-01", swapped[2]),
                    tuple("audit_events", swapped[0], "ST-01", swapped[2] + 1));
        }
    }

    /** Swaps the seqs of two consecutive STEP events of ST-01 past seq 10,300; returns their ids and first seq. */
    private static long[] swapTwoSteps(Connection c) throws SQLException {
        long[] pair = new long[3];
        try (PreparedStatement ps = c.prepareStatement("select a.id, b.id, a.seq from audit_events a"
                + " join audit_events b on b.station = a.station and b.seq = a.seq + 1 where a.station = 'ST-01'"
                + " and a.seq >= 10300 and a.kind = 'STEP' and b.kind = 'STEP' order by a.seq fetch first 1 row only");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            pair[0] = rs.getLong(1);
            pair[1] = rs.getLong(2);
            pair[2] = rs.getLong(3);
        }
        update(c, "update audit_events set seq = 9000000 where id = ?", pair[0]);
        try (PreparedStatement ps = c.prepareStatement("update audit_events set seq = ? where id = ?")) {
            ps.setLong(1, pair[2]);
            ps.setLong(2, pair[1]);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setLong(1, pair[2] + 1);
            ps.setLong(2, pair[0]);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return pair;
    }

    private static long failedUnit(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select min(id) from units where result = 'FAILED'");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            long id = rs.getLong(1);
            assertThat(rs.wasNull()).as("the generator fails about 3% of the units").isFalse();
            return id;
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
