package dev.hallmark.db.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
                            "LOCK_EVIDENCE", "flyway_schema_history"));
            assertThat(strings(s, "select \"version\" || ':' || \"success\" from \"flyway_schema_history\""
                    + " where \"version\" is not null")).containsExactly("1:TRUE");
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
