package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The auditor's commands on a real station: the chain verifies, a row changed with SQL is named, exports run. */
class AuditCommandIT {

    @Test
    void theChainVerifiesUntilARowIsChangedBehindTheStationsBack() throws Exception {
        Path dir = HallmarkProcess.freshDir("audit-commands");
        HallmarkProcess.Result demo = HallmarkProcess.run(dir, "demo", "--count", "2", "--headless", "--data-dir",
                dir.toString());
        assertThat(demo.exit()).as(demo.toString()).isZero();

        HallmarkProcess.Result clean = HallmarkProcess.run(dir, "audit", "verify", "--data-dir", dir.toString());
        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("OK: the audit record holds");

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("audit/hallmark"), "sa", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("update units set result = 'PASS', failed_step = null where id = "
                    + "(select min(id) from units)")).isEqualTo(1);
            assertThat(s.executeUpdate("update audit_events set detail = 'forged' where seq = 5")).isEqualTo(1);
        }

        HallmarkProcess.Result tampered = HallmarkProcess.run(dir, "audit", "verify", "--data-dir", dir.toString());
        assertThat(tampered.exit()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.out()).contains("seq 5").doesNotContain("OK: the audit record holds");
    }

    @Test
    void everyExportFormatRunsFromTheCommandLine() throws Exception {
        Path dir = HallmarkProcess.freshDir("audit-exports");
        assertThat(HallmarkProcess.run(dir, "demo", "--count", "1", "--headless", "--data-dir", dir.toString()).exit())
                .isZero();

        for (String format : new String[] {"csv", "jsonl", "pem", "manifest", "aws"}) {
            HallmarkProcess.Result r = HallmarkProcess.run(dir, "audit", "export", "--format", format, "--data-dir",
                    dir.toString());
            assertThat(r.exit()).as(format + ": " + r).isZero();
            assertThat(r.out()).as(format).contains(switch (format) {
                case "csv" -> "HM-F4-000001,";
                case "jsonl" -> "\"serial\":\"HM-F4-000001\"";
                case "pem" -> "-----BEGIN CERTIFICATE-----";
                case "manifest" -> "\"alg\" : \"ES256\"";
                default -> "\"ThingName\"";
            });
        }
        HallmarkProcess.Result unknown = HallmarkProcess.run(dir, "audit", "export", "--format", "xml", "--data-dir",
                dir.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().startsWith("hallmark: HM-100 ");
    }
}
