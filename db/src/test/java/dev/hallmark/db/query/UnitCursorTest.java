package dev.hallmark.db.query;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.io.IOException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UnitCursorTest extends WithAuditFixture {

    @Test
    void visitsEveryMatchInIdOrderWithItsLockEvidence() throws Exception {
        long pass = db.pass("L1", "ST-01", at(1));
        long fail = db.fail("L1", "ST-01", at(2), Step.IDENTIFY, "no answer");
        db.pass("L2", "ST-01", at(3));
        List<AuditedUnit> seen = new ArrayList<>();

        long visited = UnitCursor.over(db.source(), UnitQuery.builder().lot("L1").limit(1).build()).forEach(seen::add);

        assertThat(visited).isEqualTo(2);
        assertThat(seen).extracting(u -> u.unit().id()).containsExactly(pass, fail);
        assertThat(seen.get(0).unit()).isEqualTo(db.store().unit(pass).orElseThrow());
        assertThat(seen.get(0).unit().certificatePem()).isEqualTo(Pem.certificate(db.certificateOf(pass)));
        assertThat(seen.get(0).lockEvidence()).contains(evidence(true));
        assertThat(seen.get(1).lockEvidence()).isEmpty();
    }

    @Test
    void canLeaveTheCertificatesOut() throws Exception {
        long pass = db.pass("NO-CERT", "ST-01", at(1));
        List<AuditedUnit> seen = new ArrayList<>();

        UnitCursor.over(db.source(), UnitQuery.builder().lot("NO-CERT").build()).withoutCertificates()
                .forEach(seen::add);

        assertThat(seen).singleElement().satisfies(u -> {
            assertThat(u.unit().certificatePem()).isNull();
            assertThat(u.unit().certificateSha256()).isEqualTo(Pem.sha256(db.certificateOf(pass)));
        });
    }

    /** The structure that keeps exports streaming: forward-only statements, a batch each, visits between them. */
    @Test
    void readsInForwardOnlyBatchesOfTheFetchSizeAndVisitsEachBatchBeforeReadingTheNext() throws Exception {
        int units = 2 * UnitCursor.FETCH_SIZE + 201;
        insertPlainUnits("BIG", units);
        db.fail("OTHER", "ST-01", at(1), Step.IDENTIFY, "no answer");
        RecordingDataSource recording = new RecordingDataSource(db.source());
        List<Long> ids = new ArrayList<>();

        long visited = UnitCursor.over(recording.source(), UnitQuery.builder().lot("BIG").build()).forEach(u -> {
            ids.add(u.unit().id());
            if (ids.size() % UnitCursor.FETCH_SIZE == 1) {
                recording.note("visit");
            }
        });

        assertThat(visited).isEqualTo(units);
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(units);
        assertThat(recording.executions).hasSize(3).allSatisfy(e -> {
            assertThat(e.resultSetType).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
            assertThat(e.fetchSize).isEqualTo(UnitCursor.FETCH_SIZE);
            assertThat(e.rowsRead).isLessThanOrEqualTo(UnitCursor.FETCH_SIZE);
        });
        assertThat(recording.log).containsExactly("execute", "visit", "execute", "visit", "execute", "visit");
    }

    @Test
    void startsAfterTheQuerysAfterId() throws Exception {
        long first = db.pass("AFTER", "ST-01", at(1));
        long second = db.pass("AFTER", "ST-01", at(2));
        List<Long> ids = new ArrayList<>();

        UnitCursor.over(db.source(), UnitQuery.builder().lot("AFTER").afterId(first).build())
                .forEach(u -> ids.add(u.unit().id()));

        assertThat(ids).containsExactly(second);
    }

    @Test
    void aVisitorsFailureStopsTheCursor() throws Exception {
        db.fail("STOP", "ST-01", at(1), Step.IDENTIFY, "no answer");
        db.fail("STOP", "ST-01", at(2), Step.IDENTIFY, "no answer");
        int[] visits = {0};

        assertThatThrownBy(() -> UnitCursor.over(db.source(), UnitQuery.builder().lot("STOP").build()).forEach(u -> {
            visits[0]++;
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(visits[0]).isEqualTo(1);
    }

    /** Plain unit rows, enough to span several batches, without going through the store unit by unit. */
    private void insertPlainUnits(String lot, int count) throws SQLException {
        try (Connection c = db.source().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into lots (id, profile, created_at) values (?, 'sensor-v2', ?)")) {
                ps.setString(1, lot);
                ps.setObject(2, OffsetDateTime.ofInstant(at(0), ZoneOffset.UTC));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into units (lot_id, station, fixture, result,"
                    + " started_at) values (?, 'ST-01', 'F1', 'IN_PROGRESS', ?)")) {
                for (int i = 0; i < count; i++) {
                    ps.setString(1, lot);
                    ps.setObject(2, OffsetDateTime.ofInstant(at(i), ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
