package dev.hallmark.db.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.chain.ChainReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {

    @TempDir
    Path dir;

    @Test
    void migrationCreatesTheSchemaOnce() throws Exception {
        AuditDatabase.openH2(dir).close();
        AuditDatabase.openH2(dir).close();

        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(strings(s, "select table_name from information_schema.tables where table_schema = 'PUBLIC'"))
                    .containsAll(Set.of("LOTS", "UNITS", "UID_CLAIMS", "SERIAL_COUNTERS", "STEP_EVENTS",
                            "LOCK_EVIDENCE", "AUDIT_EVENTS", "AUDIT_CHAIN_HEADS", "AUDIT_CHECKPOINTS",
                            "UNIT_CERTIFICATES", "AUDIT_CHAIN_BASELINE", "flyway_schema_history"));
            // V3 onwards belong to the queries; this module's own migrations are V1 and V2, applied once each.
            assertThat(strings(s, "select \"version\" || ':' || \"success\" from \"flyway_schema_history\""
                    + " where \"version\" is not null order by \"installed_rank\""))
                    .startsWith("1:TRUE", "2:TRUE").allMatch(v -> v.endsWith(":TRUE")).doesNotHaveDuplicates();
            assertThat(strings(s, "select column_name from information_schema.key_column_usage"
                    + " where table_name = 'AUDIT_EVENTS' and constraint_name = 'AUDIT_EVENTS_STATION_SEQ_UK'"
                    + " order by ordinal_position")).containsExactly("STATION", "SEQ");
            assertThat(strings(s, "select units_max_id || '/' || step_events_max_id from audit_chain_baseline"))
                    .containsExactly("0/0");
            assertThat(strings(s, "select column_name from information_schema.key_column_usage"
                    + " where table_name = 'UID_CLAIMS' and constraint_name = 'UID_CLAIMS_PK'"
                    + " order by ordinal_position")).containsExactly("CHIP_FAMILY", "UID");
            assertThat(strings(s, "select index_name from information_schema.indexes where table_schema = 'PUBLIC'"))
                    .contains("UNITS_UID_IX", "UNITS_LOT_IX");
        }
    }

    @Test
    void theDatabaseItselfRefusesASecondClaimOnADevice() throws Exception {
        AuditDatabase.openH2(dir).close();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into lots (id, profile, created_at) values ('L', 'p', current_timestamp)");
            s.executeUpdate("insert into units (lot_id, station, fixture, result, started_at)"
                    + " values ('L', 'S', 'F1', 'IN_PROGRESS', current_timestamp)");
            s.executeUpdate("insert into uid_claims (chip_family, uid, unit_id)"
                    + " select 'STM32F4', 'abc', max(id) from units");
            assertThatThrownBy(() -> s.executeUpdate("insert into uid_claims (chip_family, uid, unit_id)"
                    + " select 'STM32F4', 'abc', max(id) from units"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> s.executeUpdate("update units set result = 'MAYBE'"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void rowsWrittenBeforeTheChainStayOutsideItAndAreCounted() throws Exception {
        Flyway.configure().dataSource("jdbc:h2:file:" + dir.toAbsolutePath().resolve("hallmark"), "sa", "")
                .locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into lots (id, profile, created_at) values ('OLD', 'p', current_timestamp)");
            s.executeUpdate("insert into units (lot_id, station, fixture, result, serial, started_at)"
                    + " values ('OLD', 'ST-01', 'F1', 'PASS', 'OLD000001', current_timestamp)");
            s.executeUpdate("insert into step_events (unit_id, step, status, at) select max(id), 'SEAL', 'DONE',"
                    + " current_timestamp from units");
            s.executeUpdate("insert into lock_evidence (unit_id, level, locked, observations)"
                    + " select max(id), 'READOUT_PROTECTED', true, '[]' from units");
        }

        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                assertThat(strings(s, "select units_max_id || '/' || step_events_max_id from audit_chain_baseline"))
                        .containsExactly("1/1");
            }
            db.store().ensureLot(dev.hallmark.db.chain.History.LOT, "p", Instant.EPOCH);
            dev.hallmark.db.chain.History.passUnit(db.store(), "ST-01", 2);

            ChainReport report = db.verifyChain();
            assertThat(report.findings()).isEmpty();
            assertThat(report.legacyUnits()).isEqualTo(1);
            assertThat(report.lines()).contains("1 units were written before the audit chain existed and are not"
                    + " covered by it");

            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.executeUpdate("update audit_chain_baseline set units_max_id = 2, step_events_max_id = 19");
            }
            assertThat(db.verifyChain().findings()).extracting(f -> f.kind() + " " + f.table())
                    .containsExactly("EDITED audit_chain_baseline");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("hallmark"), "sa", "");
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
