package dev.hallmark.db.query;

import static dev.hallmark.db.testing.TestUnits.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.CsvExport;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reworked unit read back through the archive and the exports: reworked and revoked from its chain events. */
class ReworkedUnitViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static AuditFixture db;
    private static JdbcUnitArchive archive;
    private static long reworked;
    private static long kept;

    @BeforeAll
    static void fill() throws ProvisioningException {
        db = new AuditFixture(dir);
        reworked = db.pass("L1", "ST-01", at(1));
        kept = db.pass("L1", "ST-01", at(2));
        db.store().recordRevocation(reworked, Pem.sha256(db.certificateOf(reworked)),
                RevocationReason.CESSATION_OF_OPERATION, at(5));
        db.store().recordRework(reworked, "by alice, approved by bob; port /dev/pts/9; lock before: L1 after: L0");
        archive = new JdbcUnitArchive(db.database(), db.source(), ChainVerifier.acceptingStoredKeys(), List.of(),
                f -> ExportContext.of(Clock.systemUTC()));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void pagesAndTheDetailCarryTheReworkAndTheRevocation() throws ProvisioningException {
        List<UnitRecord> page = archive.page(UnitFilter.all(), 0, 0, 10);
        assertThat(page).hasSize(2);
        UnitRecord r = page.get(0);
        UnitRecord k = page.get(1);
        assertThat(r.id()).isEqualTo(reworked);
        assertThat(r.reworkedAt()).isNotNull();
        assertThat(r.certificateRevoked()).isTrue();
        assertThat(r.resultLabel()).isEqualTo("PASS (reworked)");
        assertThat(k.reworkedAt()).isNull();
        assertThat(k.certificateRevoked()).isFalse();
        assertThat(k.resultLabel()).isEqualTo("PASS");

        List<UnitRecord> sorted = archive.page(UnitFilter.all(), UnitOrder.byId(), null, 0, 10);
        assertThat(sorted).extracting(UnitRecord::reworked).containsExactly(true, false);

        UnitDetail detail = archive.detail(reworked);
        assertThat(detail.unit().reworkedAt()).isEqualTo(r.reworkedAt());
        assertThat(detail.unit().certificateRevoked()).isTrue();
        assertThat(detail.reworkNote()).startsWith("by alice, approved by bob;");
        UnitDetail other = archive.detail(kept);
        assertThat(other.reworkNote()).isNull();
        assertThat(other.unit().reworked()).isFalse();
        assertThat(other.unit().certificateRevoked()).isFalse();
    }

    @Test
    void aResultFilterStillFindsTheReworkedUnitBySealedResult() throws ProvisioningException {
        UnitFilter pass = new UnitFilter(null, null, null, null, null, UnitResult.PASS, null);
        assertThat(archive.count(pass)).isEqualTo(2);
        assertThat(archive.page(pass, 0, 0, 10)).extracting(UnitRecord::resultLabel)
                .containsExactly("PASS (reworked)", "PASS");
    }

    @Test
    void csvAppendsReworkedAtAndRevocationAsTheLastColumns() throws ProvisioningException {
        List<String> lines = export("csv").lines().toList();
        assertThat(CsvExport.COLUMNS.subList(CsvExport.COLUMNS.size() - 2, CsvExport.COLUMNS.size()))
                .containsExactly("reworked_at", "certificate_revoked");
        assertThat(lines.get(0)).endsWith(",lock_observations,reworked_at,certificate_revoked");
        String at = archive.detail(reworked).unit().reworkedAt().toString();
        assertThat(lines.get(1)).startsWith(reworked + ",").endsWith("," + at + ",true");
        assertThat(lines.get(2)).startsWith(kept + ",").endsWith(",,false");
    }

    @Test
    void jsonLinesCarryReworkedAtAndRevocation() throws ProvisioningException, IOException {
        List<String> lines = export("jsonl").lines().toList();
        JsonNode r = JSON.readTree(lines.get(0));
        JsonNode k = JSON.readTree(lines.get(1));
        assertThat(r.get("unit_id").asLong()).isEqualTo(reworked);
        assertThat(r.get("reworked_at").asText()).isEqualTo(archive.detail(reworked).unit().reworkedAt().toString());
        assertThat(r.get("certificate_revoked").asBoolean()).isTrue();
        assertThat(k.get("reworked_at").isNull()).isTrue();
        assertThat(k.get("certificate_revoked").asBoolean()).isFalse();
    }

    private static String export(String format) throws ProvisioningException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archive.export(format, "L1", out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
