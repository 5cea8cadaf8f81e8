package dev.hallmark.ui.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.ChainCheck;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.ui.Background;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditorViewModelTest {

    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path tmp;

    private final ListArchive archive = new ListArchive(1_000_000);
    private final AuditorViewModel model = new AuditorViewModel(archive, new Background(DIRECT, DIRECT));

    @Test
    void aMillionUnitsAreListedButOnlyTheRowsAskedForAreRead() {
        model.search();

        UnitPages rows = model.rowsProperty().get();
        assertThat(rows).hasSize(1_000_000);
        assertThat(model.resultTextProperty().get()).isEqualTo("1,000,000 units");
        assertThat(archive.orderedRequests).isEmpty();

        assertThat(rows.get(0).unit().serial()).isEqualTo("HM-000001");
        assertThat(rows.get(999_999).unit().serial()).isEqualTo("HM-1000000");
        assertThat(rows.get(500_123).unit().id()).isEqualTo(500_124);
        assertThat(archive.orderedRequests).hasSize(3);
        // The deep jumps seek a mark of the position index (read once) and skip less than its spacing.
        assertThat(archive.marksRequests).isEqualTo(1);
        assertThat(archive.orderedRequests).allSatisfy(r -> assertThat(r[1]).isLessThan(UnitPages.MARK_EVERY));
        assertThat(archive.pageRequests).isEmpty();
        assertThat(rows.rowsHeld()).isLessThanOrEqualTo(3 * AuditorViewModel.PAGE_SIZE);
    }

    @Test
    void scrollingOnSeeksFromThePreviousPageAndKeepsABoundedWindow() {
        model.search();
        UnitPages rows = model.rowsProperty().get();

        for (int i = 0; i < 20_000; i++) {
            assertThat(rows.get(i).unit().id()).isEqualTo(i + 1);
        }

        assertThat(archive.orderedRequests).hasSize(20_000 / AuditorViewModel.PAGE_SIZE);
        // Every page after the first seeks by the last row of the page before it instead of skipping.
        for (int p = 1; p < archive.orderedRequests.size(); p++) {
            assertThat(archive.orderedRequests.get(p)).containsExactly((long) p * AuditorViewModel.PAGE_SIZE, 0,
                    AuditorViewModel.PAGE_SIZE);
        }
        assertThat(archive.marksRequests).isZero();
        assertThat(rows.rowsHeld()).isEqualTo(AuditorViewModel.MAX_PAGES * AuditorViewModel.PAGE_SIZE);
        assertThat(rows.indexOf(rows.get(19_999))).isEqualTo(19_999);
        assertThat(archive.orderedRequests).hasSize(20_000 / AuditorViewModel.PAGE_SIZE);
    }

    @Test
    void sortingRunsTheSearchAgainInTheDatabaseOrder() {
        model.search();
        model.sortBy(new UnitOrder(UnitOrder.Key.ID, true));

        UnitPages rows = model.rowsProperty().get();
        assertThat(rows.order()).isEqualTo(new UnitOrder(UnitOrder.Key.ID, true));
        assertThat(rows.get(0).unit().id()).isEqualTo(1_000_000);
        assertThat(rows.get(999_999).unit().id()).isEqualTo(1);
        assertThat(archive.lastOrder).isEqualTo(new UnitOrder(UnitOrder.Key.ID, true));

        model.sortBy(new UnitOrder(UnitOrder.Key.ID, true));
        assertThat(model.rowsProperty().get()).isSameAs(rows);
        model.sortBy(null);
        assertThat(model.rowsProperty().get().order()).isEqualTo(UnitOrder.byId());
    }

    @Test
    void aRowIsEmptyUntilItsPageArrivesOnTheFxExecutor() {
        Queue<Runnable> worker = new ArrayDeque<>();
        AuditorViewModel queued = new AuditorViewModel(archive, new Background(worker::add, DIRECT));
        queued.search();
        worker.poll().run();
        UnitRow row = queued.rowsProperty().get().get(42);

        assertThat(row.unit()).isNull();
        worker.poll().run();
        assertThat(row.unit().serial()).isEqualTo("HM-000043");
    }

    @Test
    void pagesScrolledPastBeforeTheirTurnAreNotRead() {
        Queue<Runnable> worker = new ArrayDeque<>();
        AuditorViewModel queued = new AuditorViewModel(archive, new Background(worker::add, DIRECT));
        queued.search();
        worker.poll().run();
        UnitPages rows = queued.rowsProperty().get();
        int pages = AuditorViewModel.MAX_PAGES + 5;
        for (int p = 0; p < pages; p++) {
            rows.get(p * AuditorViewModel.PAGE_SIZE);
        }

        for (Runnable task = worker.poll(); task != null; task = worker.poll()) {
            task.run();
        }

        assertThat(archive.orderedRequests).hasSize(AuditorViewModel.MAX_PAGES);
        assertThat(archive.orderedRequests.get(0)).containsExactly(0, 5L * AuditorViewModel.PAGE_SIZE,
                AuditorViewModel.PAGE_SIZE);
        assertThat(archive.marksRequests).isEqualTo(1);
        assertThat(rows.get((pages - 1) * AuditorViewModel.PAGE_SIZE).unit()).isNotNull();
    }

    @Test
    void criteriaBecomeTheFilterWithWholeUtcDays() {
        model.serialProperty().set("  HM-000007 ");
        model.uidProperty().set("0A0B");
        model.lotProperty().set("");
        model.fromProperty().set(LocalDate.of(2026, 3, 1));
        model.toProperty().set(LocalDate.of(2026, 3, 2));
        model.resultProperty().set(UnitResult.FAILED);
        model.failedStepProperty().set(Step.LOCK);

        model.search();

        assertThat(archive.lastFilter.serial()).isEqualTo("HM-000007");
        assertThat(archive.lastFilter.uid()).isEqualTo("0a0b");
        assertThat(archive.lastFilter.lot()).isNull();
        assertThat(archive.lastFilter.startedFrom()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(archive.lastFilter.startedBefore()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(archive.lastFilter.result()).isEqualTo(UnitResult.FAILED);
        assertThat(archive.lastFilter.failedStep()).isEqualTo(Step.LOCK);
    }

    @Test
    void aBadCriterionIsNamedAndNothingIsSearched() {
        model.uidProperty().set("not-hex");
        model.search();

        assertThat(model.statusProperty().get()).isEqualTo("Search not run: the UID is hexadecimal digits, not 'not-hex'");
        assertThat(model.rowsProperty().get()).isNull();
        assertThat(archive.lastFilter).isNull();

        model.uidProperty().set("");
        model.fromProperty().set(LocalDate.of(2026, 3, 5));
        model.toProperty().set(LocalDate.of(2026, 3, 1));
        model.search();
        assertThat(model.statusProperty().get()).contains("ends (2026-03-01) before it starts (2026-03-05)");
    }

    @Test
    void openingARowShowsTheUnitAndALoadingRowIsIgnored() {
        model.search();
        model.open(model.rowsProperty().get().get(9));

        assertThat(model.detailProperty().get().unit().serial()).isEqualTo("HM-000010");
        assertThat(model.detailProperty().get().text()).contains("Failed at LOCK: HM-302 NACK")
                .contains("Scanned label: BOARD-10");
        model.open(model.rowsProperty().get().get(10));
        assertThat(model.detailProperty().get().text()).contains("Scanned label: - (not started by a scan)");
        model.open(model.rowsProperty().get().get(9));

        model.open(new UnitRow(5));
        assertThat(model.detailProperty().get().unit().serial()).isEqualTo("HM-000010");
    }

    @Test
    void theChainResultSaysWhetherItHolds() {
        model.verifyChain();
        assertThat(model.chainOkProperty().get()).isTrue();
        assertThat(model.chainTextProperty().get()).startsWith("AUDIT CHAIN HOLDS\npin: token\nstation s1");

        archive.chain = new ChainCheck(false, List.of("EDITED units row 7"), "token");
        model.verifyChain();
        assertThat(model.chainOkProperty().get()).isFalse();
        assertThat(model.chainTextProperty().get()).isEqualTo("AUDIT CHAIN BROKEN\npin: token\nEDITED units row 7");

        archive.chain = new ChainCheck(true, List.of("OK: the audit record holds"));
        model.verifyChain();
        assertThat(model.chainOkProperty().get()).as("a check without a pin never holds").isFalse();
        assertThat(model.chainTextProperty().get()).startsWith("AUDIT CHAIN NOT VOUCHED FOR\npin: unpinned");
    }

    @Test
    void anExportLandsWholeInTheChosenFileOrNotAtAll() throws Exception {
        model.lotProperty().set("L1");
        Path target = tmp.resolve("units.csv");
        model.export("csv", target);

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("format=csv lot=L1\n");
        assertThat(model.statusProperty().get()).isEqualTo("Exported 1,000,000 units as csv to " + target);

        archive.exportFails = true;
        Path failed = tmp.resolve("broken.jsonl");
        model.export("jsonl", failed);
        assertThat(failed).doesNotExist();
        assertThat(tmp.resolve("broken.jsonl.part")).doesNotExist();
        assertThat(model.statusProperty().get()).startsWith("HM-502");
    }
}
