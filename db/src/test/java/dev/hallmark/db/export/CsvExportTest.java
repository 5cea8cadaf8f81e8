package dev.hallmark.db.export;

import static dev.hallmark.db.testing.TestUnits.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.query.AuditFixture;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitRecord;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

    private static final String FORMULA = "=cmd|' /C calc'!A0";
    private static final String AWKWARD = "no \"ACK\", then\r\nretry\nagain";

    @TempDir
    Path dir;

    @Test
    void exportParsesBackAsRfc4180WithEveryValueAndNoFormula() throws Exception {
        StringWriter out = new StringWriter();
        long pass;
        long formula;
        long awkward;
        UnitRecord passRecord;
        try (AuditFixture db = new AuditFixture(dir)) {
            pass = db.pass("L1", "ST-01", at(1));
            formula = db.fail("L1", "ST-01", at(2), Step.IDENTIFY, FORMULA);
            awkward = db.fail("L1", "+ST-9", at(3), Step.VERIFY, AWKWARD);
            db.pass("L2", "ST-01", at(4));
            passRecord = db.store().unit(pass).orElseThrow();

            assertThat(CsvExport.write(db.source(), "L1", out)).isEqualTo(3);
            assertThat(Pem.sha256(db.certificateOf(pass))).isEqualTo(passRecord.certificateSha256());
        }

        List<List<String>> records = Rfc4180.parse(out.toString());
        assertThat(records).hasSize(4);
        assertThat(records.get(0)).isEqualTo(CsvExport.COLUMNS);
        assertThat(records).allSatisfy(r -> assertThat(r).hasSize(CsvExport.COLUMNS.size()));
        assertThat(records.subList(1, 4)).extracting(r -> Long.parseLong(r.get(0)))
                .containsExactly(pass, formula, awkward);

        List<String> p = records.get(1);
        assertThat(p).containsExactly(Long.toString(pass), "L1", passRecord.serial(), passRecord.uid(), "STM32F4",
                "ST-01", "F1", "PASS", "", "", "", "2026-03-02T08:15:31.123Z", "2026-03-02T08:15:40.123Z",
                passRecord.certificateSha256(), "READOUT_PROTECTED", "true",
                "READ_MEMORY 0x08000000 -> NACK 0x1F; GET_ID -> 0x0413", "", "false");

        List<String> f = records.get(2);
        assertThat(f.get(col("result"))).isEqualTo("FAILED");
        assertThat(f.get(col("failed_step"))).isEqualTo("IDENTIFY");
        assertThat(f.get(col("error_code"))).isEqualTo("HM-301");
        assertThat(f.get(col("cause"))).isEqualTo("'" + FORMULA);
        assertThat(f.get(col("lock_level"))).isEmpty();

        List<String> a = records.get(3);
        assertThat(a.get(col("cause"))).isEqualTo(AWKWARD);
        assertThat(a.get(col("station"))).isEqualTo("'+ST-9");

        assertThat(records).allSatisfy(r -> assertThat(r).allSatisfy(cell ->
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r")));
    }

    @Test
    void withoutALotEveryUnitIsExported() throws Exception {
        StringWriter out = new StringWriter();
        try (AuditFixture db = new AuditFixture(dir)) {
            db.pass("L1", "ST-01", at(1));
            db.pass("L2", "ST-01", at(2));

            assertThat(CsvExport.write(db.source(), null, out)).isEqualTo(2);
        }

        assertThat(Rfc4180.parse(out.toString())).extracting(r -> r.get(col("lot"))).containsExactly("lot", "L1",
                "L2");
    }

    private static int col(String name) {
        return CsvExport.COLUMNS.indexOf(name);
    }
}
