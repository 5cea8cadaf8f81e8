package dev.hallmark.db.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.db.query.UnitSearch;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run: the benchmark loads, looks up and exports what it says; its timings are never asserted. */
class AuditBenchmarkTest {

    private static final int UNITS = 600;
    private static final int LOOKUPS = 200;

    @TempDir
    Path dir;

    @Test
    void aSmallRunLoadsRealisticRecordsMeasuresThemAndCanMeasureAgain() throws Exception {
        // the generated record, chain and checkpoints included, must verify without a finding: else verifyChain throws
        BenchmarkResult result = AuditBenchmark.run(dir, UNITS, LOOKUPS, AuditBenchmark::verifyChain);

        assertThat(result.records()).isEqualTo(UNITS);
        assertThat(result.lookups()).isEqualTo(LOOKUPS);
        assertThat(result.loadSeconds()).isPresent();
        assertThat(result.serialLookupP99Ms()).isPositive().isGreaterThanOrEqualTo(result.serialLookupP50Ms());
        assertThat(result.chainEventsPerSecond()).isPresent();
        assertThat(result.line()).matches("records=600 serial_lookup_p99_ms=\\d+\\.\\d{3} csv_export_s=\\d+\\.\\d{2}"
                + " chain_events_per_s=\\d+");
        List<String> csv = Files.readAllLines(dir.resolve("export.csv"), StandardCharsets.UTF_8);
        assertThat(csv).hasSize(UNITS + 1);
        assertThat(Files.size(dir.resolve("export.csv"))).isEqualTo(result.csvBytes());

        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            var source = AuditDataSources.embedded(dir);
            long passed = UnitSearch.count(source, UnitQuery.builder().result(UnitResult.PASS).build());
            assertThat(passed).isBetween(UNITS * 90L / 100, UNITS - 1L);
            assertThat(result.stepEvents()).isBetween(17L * UNITS, 18L * UNITS);
            List<UnitRecord> lots = UnitSearch.find(source, UnitQuery.builder().serial("HM0000600").build());
            assertThat(lots).singleElement().satisfies(u -> assertThat(u.lot()).isEqualTo("LOT-2026-0001"));
            UnitRecord first = UnitSearch.find(source, UnitQuery.builder().limit(1).build()).get(0);
            List<StepEvent> journal = db.store().events(first.id());
            if (first.result() == UnitResult.PASS) {
                assertThat(journal).hasSize(18).last().extracting(StepEvent::status).isEqualTo(StepStatus.DONE);
                assertThat(db.store().lockEvidence(first.id())).hasValueSatisfying(e -> assertThat(e.locked()).isTrue());
            }
        }

        BenchmarkResult again = AuditBenchmark.measure(dir, LOOKUPS, null);
        assertThat(again.records()).isEqualTo(UNITS);
        assertThat(again.loadSeconds()).isEmpty();
        assertThat(again.line()).startsWith("records=600 ").doesNotContain("chain");
        assertThatThrownBy(() -> AuditBenchmark.run(dir, 10)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            long next = db.store().begin("LOT-2026-0001", "ST-01", "F1", Instant.now());
            assertThat(next).as("ids go on after the loaded ones").isEqualTo(UNITS + 1L);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }

        assertThat(AuditBenchmark.percentile(sorted, 50)).isEqualTo(50);
        assertThat(AuditBenchmark.percentile(sorted, 99)).isEqualTo(99);
        assertThat(AuditBenchmark.percentile(new long[] {7}, 99)).isEqualTo(7);
    }
}
