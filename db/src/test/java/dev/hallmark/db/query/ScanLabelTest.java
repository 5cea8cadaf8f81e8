package dev.hallmark.db.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.port.UnitFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unit started by a scan keeps its label (V7); the archive's unit detail returns it; others have none. */
class ScanLabelTest {

    @TempDir
    Path dir;

    @Test
    void theScannedLabelIsRecordedWithTheUnitAndShownInItsDetail() throws Exception {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        try (AuditFixture db = new AuditFixture(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot("L1", "sensor-v2", at);
            long scanned = store.begin("L1", "ST-01", "F1", "BOARD-0042", at);
            long unscanned = store.begin("L1", "ST-01", "F2", at);
            JdbcUnitArchive archive = new JdbcUnitArchive(db.database(), db.source(),
                    ChainVerifier.acceptingStoredKeys(), List.of(), f -> ExportContext.of(Clock.systemUTC()));

            assertThat(store.scanLabel(scanned)).contains("BOARD-0042");
            assertThat(store.scanLabel(unscanned)).isEmpty();
            assertThat(archive.detail(scanned).scanLabel()).isEqualTo("BOARD-0042");
            assertThat(archive.detail(unscanned).scanLabel()).isNull();
            assertThat(archive.count(UnitFilter.all())).isEqualTo(2);
            assertThatThrownBy(() -> store.begin("L1", "ST-01", "F1", "X".repeat(65), at))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        }
    }
}
