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
 * units verify without a finding, and one row changed underneath with SQL is named, as in a station's database.
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
            }
            ChainReport edited = db.verifyChain();
            assertThat(edited.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKind.EDITED);
                assertThat(f.table()).isEqualTo("units");
                assertThat(f.what()).contains("result is 'PASS', the chain says 'FAILED'");
            });
        }
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
