package dev.hallmark.bench;

import dev.hallmark.db.bench.GeneratedArchive;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.query.JdbcUnitArchive;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.ui.Background;
import dev.hallmark.ui.auditor.AuditorView;
import dev.hallmark.ui.auditor.AuditorViewModel;
import dev.hallmark.ui.auditor.UnitPages;
import dev.hallmark.ui.auditor.UnitRow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The auditor part of {@code bench ui}: the auditor's table over a generated archive, scrolled row page by row page,
 * jumped at random and filtered, timing how long the visible rows take to fill and watching the FX thread.
 */
final class UiBenchAuditor {

    private static final int SCROLL_STEPS = 300;
    private static final int JUMPS = 60;
    private static final long WAIT_NANOS = 60_000_000_000L;

    private final Path dir;
    private final int units;
    private int maxRowsHeld;

    private final boolean journals;

    UiBenchAuditor(Path dir, int units, boolean journals) {
        this.dir = dir;
        this.units = units;
        this.journals = journals;
    }

    String run() throws Exception {
        double loadSeconds = GeneratedArchive.ensure(dir, units, journals);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcUnitArchive archive = new JdbcUnitArchive(db, AuditDataSources.embedded(dir),
                    ChainVerifier.acceptingStoredKeys(), List.of(), f -> ExportContext.of(Clock.systemUTC()));
            TimedFxExecutor fxTimed = new TimedFxExecutor();
            AuditorViewModel model = new AuditorViewModel(archive, new Background(workers, fxTimed));
            AuditorView[] view = new AuditorView[1];
            Stage[] stage = new Stage[1];
            FxPauseMonitor.onFx(() -> {
                view[0] = new AuditorView(model);
                stage[0] = new Stage();
                stage[0].setScene(new Scene(view[0], 1280, 720));
                stage[0].show();
            });
            TableView<UnitRow> table = view[0].table();
            Thread.sleep(2000); // the first layout, CSS and JIT warm-up are not the table's scrolling
            FxPauseMonitor monitor = new FxPauseMonitor();
            monitor.start(); // the baseline: the same window, idle, for 5 s
            Thread.sleep(5000);
            FxPauseMonitor.Figures idle = monitor.stop();
            fxTimed.reset();
            monitor.start();

            double countMs = search(model, () -> { });
            long[] scroll = new long[SCROLL_STEPS];
            int visible = visibleRows(table);
            for (int i = 0; i < SCROLL_STEPS; i++) {
                scroll[i] = showAndFill(table, model, i * visible);
            }
            Random random = new Random(7);
            long[] jumps = new long[JUMPS];
            for (int i = 0; i < JUMPS; i++) {
                jumps[i] = showAndFill(table, model, random.nextInt(units));
            }
            String sorted = sortedJumps(archive, table, model, random);
            double failedCountMs = search(model, () -> {
                model.sortBy(null);
                model.resultProperty().set(UnitResult.FAILED);
            });
            long failedFill = showAndFill(table, model, 0);
            String failedText = resultText(model);
            double lotCountMs = search(model, () -> {
                model.resultProperty().set(null);
                model.lotProperty().set(firstLot(archive));
            });
            long lotFill = showAndFill(table, model, 0);
            String lotText = resultText(model);
            FxPauseMonitor.Figures fx = monitor.stop();
            FxPauseMonitor.onFx(() -> stage[0].hide());
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
            return String.format(Locale.ROOT, "ui part=auditor units=%d load_s=%.0f count_ms=%.0f visible_rows=%d"
                    + " scroll_steps=%d scroll_fill_p50_ms=%.1f scroll_fill_max_ms=%.1f jumps=%d jump_fill_p50_ms=%.1f"
                    + " jump_fill_max_ms=%.1f %s filter_failed='%s' filter_failed_count_ms=%.0f filter_failed_fill_ms=%.1f"
                    + " filter_lot='%s' filter_lot_count_ms=%.0f filter_lot_fill_ms=%.1f rows_held_max=%d heap_used_mb=%d %s %s idle_%s",
                    units, loadSeconds, countMs, visible, SCROLL_STEPS, ms(scroll, 0.5), ms(scroll, 1.0), JUMPS,
                    ms(jumps, 0.5), ms(jumps, 1.0), sorted, failedText, failedCountMs, failedFill / 1e6, lotText, lotCountMs,
                    lotFill / 1e6, maxRowsHeld, heapMb, fxTimed.line(), fx.line(), idle.line().replace(" fx_", " idle_fx_"));
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * The table sorted by start time, latest first (a click on the column): the search again, the first deep jump
     * (which reads the position index), then random jumps; and, for comparison in the same run, what one deep page
     * costs by OFFSET (the old way) and what the position index costs alone.
     */
    private String sortedJumps(JdbcUnitArchive archive, TableView<UnitRow> table, AuditorViewModel model,
                               Random random) throws Exception {
        UnitOrder latestFirst = new UnitOrder(UnitOrder.Key.STARTED, true);
        double sortMs = search(model, () -> model.sortBy(latestFirst));
        long firstDeep = showAndFill(table, model, units - units / 7);
        long[] jumps = new long[JUMPS];
        for (int i = 0; i < JUMPS; i++) {
            jumps[i] = showAndFill(table, model, random.nextInt(units));
        }
        long started = System.nanoTime();
        int marks = archive.marks(UnitFilter.all(), latestFirst, UnitPages.MARK_EVERY).size();
        double marksMs = (System.nanoTime() - started) / 1e6;
        long[] offsets = new long[3];
        for (int i = 0; i < offsets.length; i++) {
            long at = units - 1L - AuditorViewModel.PAGE_SIZE - i * (units / 10L);
            long t = System.nanoTime();
            archive.page(UnitFilter.all(), Math.max(0, at), 0, AuditorViewModel.PAGE_SIZE);
            offsets[i] = System.nanoTime() - t;
        }
        return String.format(Locale.ROOT, "sorted_by=started_desc sort_search_ms=%.0f sorted_first_deep_jump_ms=%.1f"
                + " sorted_jump_fill_p50_ms=%.1f sorted_jump_fill_max_ms=%.1f position_index_marks=%d"
                + " position_index_ms=%.0f id_order_offset_page_p50_ms=%.0f id_order_offset_page_max_ms=%.0f",
                sortMs, firstDeep / 1e6, ms(jumps, 0.5), ms(jumps, 1.0), marks, marksMs, ms(offsets, 0.5),
                ms(offsets, 1.0));
    }

    private static String firstLot(JdbcUnitArchive archive) {
        try {
            List<String> lots = archive.lots();
            return lots.get(lots.size() - 1);
        } catch (Exception e) {
            throw new IllegalStateException("the generated archive lists no lot", e);
        }
    }

    /** Sets the criteria on the FX thread, searches, and returns the ms until the new result is in the table. */
    private static double search(AuditorViewModel model, Runnable criteria) throws Exception {
        Object[] before = new Object[1];
        FxPauseMonitor.onFx(() -> {
            criteria.run();
            before[0] = model.rowsProperty().get();
        });
        long started = System.nanoTime();
        FxPauseMonitor.onFx(model::search);
        AtomicBoolean done = new AtomicBoolean();
        while (!done.get()) {
            FxPauseMonitor.onFx(() -> done.set(model.rowsProperty().get() != null && model.rowsProperty().get() != before[0]));
            Thread.sleep(5);
            if (System.nanoTime() - started > WAIT_NANOS) {
                throw new IllegalStateException("the search did not finish within 60 s");
            }
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static String resultText(AuditorViewModel model) throws Exception {
        String[] text = new String[1];
        FxPauseMonitor.onFx(() -> text[0] = model.resultTextProperty().get());
        return text[0];
    }

    /** Scrolls the table to the row and returns the ns until every visible row shows its unit. */
    private long showAndFill(TableView<UnitRow> table, AuditorViewModel model, int index) throws Exception {
        long started = System.nanoTime();
        FxPauseMonitor.onFx(() -> table.scrollTo(Math.min(index, Math.max(0, table.getItems().size() - 1))));
        AtomicInteger empty = new AtomicInteger(1);
        while (empty.get() > 0) {
            FxPauseMonitor.onFx(() -> {
                empty.set((int) table.lookupAll(".table-row-cell").stream().map(n -> (TableRow<?>) n)
                        .filter(r -> r.isVisible() && r.getItem() instanceof UnitRow u && u.unit() == null).count());
                UnitPages rows = model.rowsProperty().get();
                maxRowsHeld = Math.max(maxRowsHeld, rows == null ? 0 : rows.rowsHeld());
            });
            if (empty.get() > 0) {
                Thread.sleep(5);
            }
            if (System.nanoTime() - started > WAIT_NANOS) {
                throw new IllegalStateException("row " + index + " did not fill within 60 s");
            }
        }
        return System.nanoTime() - started;
    }

    private static int visibleRows(TableView<UnitRow> table) throws Exception {
        int[] n = new int[1];
        FxPauseMonitor.onFx(() -> n[0] = (int) table.lookupAll(".table-row-cell").stream()
                .filter(r -> ((TableRow<?>) r).getItem() != null).count());
        return Math.max(1, n[0] - 1);
    }

    private static double ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
