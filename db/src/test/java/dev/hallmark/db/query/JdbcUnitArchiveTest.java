package dev.hallmark.db.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.bench.GeneratedArchive;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.LotTrend;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcUnitArchiveTest {

    private static final int UNITS = 3_000; // one lot

    @TempDir
    Path dir;

    @Test
    void pagesBySeekAndByOffsetAgreeAndTheLotFiguresAddUp() throws Exception {
        GeneratedArchive.ensure(dir, UNITS, false);
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcUnitArchive archive = new JdbcUnitArchive(db, AuditDataSources.embedded(dir),
                    ChainVerifier.acceptingStoredKeys(), List.of(), f -> ExportContext.of(Clock.systemUTC()));

            assertThat(archive.count(UnitFilter.all())).isEqualTo(UNITS);
            List<UnitRecord> first = archive.page(UnitFilter.all(), 0, 0, 100);
            List<UnitRecord> seek = archive.page(UnitFilter.all(), 100, first.get(99).id(), 100);
            List<UnitRecord> offset = archive.page(UnitFilter.all(), 100, 0, 100);
            assertThat(offset).isEqualTo(seek);
            assertThat(offset.get(0).id()).isEqualTo(101);
            assertThat(archive.page(UnitFilter.all(), UNITS - 3, 0, 100)).extracting(UnitRecord::id)
                    .containsExactly(UNITS - 2L, UNITS - 1L, (long) UNITS);

            UnitFilter failed = new UnitFilter(null, null, "LOT-0001", null, null, UnitResult.FAILED, null);
            long failedCount = archive.count(failed);
            assertThat(failedCount).isBetween(30L, 180L);
            List<UnitRecord> failedPage = archive.page(failed, 10, 0, 5);
            assertThat(failedPage).hasSize(5).allSatisfy(u -> {
                assertThat(u.lot()).isEqualTo("LOT-0001");
                assertThat(u.result()).isEqualTo(UnitResult.FAILED);
            });
            assertThat(archive.page(failed, 0, 0, 20).subList(10, 15)).isEqualTo(failedPage);

            LotTrend report = archive.lotReport("LOT-0001", Duration.ofHours(1));
            assertThat(report.profile()).isEqualTo("bench-stm32f4");
            assertThat(report.passed() + report.failed()).isEqualTo(UNITS);
            assertThat(report.failed()).isEqualTo(failedCount);
            assertThat(report.buckets().stream().mapToLong(LotTrend.Bucket::total).sum()).isEqualTo(UNITS);
            assertThat(report.failures().stream().mapToLong(LotTrend.FailureCount::count).sum()).isEqualTo(failedCount);
            assertThat(report.failures().get(0).count()).isGreaterThanOrEqualTo(report.failures().get(1).count());
            assertThat(report.failures()).extracting(LotTrend.FailureCount::step)
                    .allSatisfy(step -> assertThat(Step.valueOf(step)).isNotNull());
            assertThat(archive.lots()).containsExactly("LOT-0001");

            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            assertThat(archive.export("csv", "LOT-0001", csv)).isEqualTo(UNITS);
            assertThat(csv.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(UNITS + 1);
        }
    }
}
