package dev.hallmark.ui.lot;

import dev.hallmark.engine.port.LotTrend;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.ui.Background;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lot dashboard: a lot's yield over time, its failure Pareto by step and cause, and its throughput, as plain
 * points the view draws; figures come from {@link UnitArchive#lotReport} off the FX thread.
 */
public final class LotDashboardViewModel {

    /** Time bucket widths the operator can choose. */
    public static final List<Duration> BUCKETS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofDays(1));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final UnitArchive archive;
    private final Background background;
    private final ObservableList<String> lots = FXCollections.observableArrayList();
    private final ObjectProperty<String> lot = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> bucket = new SimpleObjectProperty<>(Duration.ofMinutes(10));
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("Choose a lot");
    private final ReadOnlyObjectWrapper<List<Point>> yield = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Point>> throughput = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Point>> pareto = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Point>> paretoCumulative = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public LotDashboardViewModel(UnitArchive archive, Background background) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** A bar or point: its category label and value. */
    public record Point(String label, double value) {
    }

    /** Reads the list of lots; selects the newest when none is selected yet and shows it. */
    public void loadLots() {
        background.run("list the lots", archive::lots, found -> {
            lots.setAll(found);
            if (lot.get() == null && !found.isEmpty()) {
                lot.set(found.get(0));
            }
            refresh();
        }, status::set);
    }

    /** Reads the selected lot's figures again. */
    public void refresh() {
        String chosen = lot.get();
        if (chosen == null) {
            return;
        }
        Duration width = bucket.get();
        status.set("Reading lot " + chosen + "…");
        background.run("sum up lot " + chosen, () -> archive.lotReport(chosen, width), this::show, status::set);
    }

    void show(LotTrend report) {
        long total = report.passed() + report.failed();
        double hours = report.bucket().toSeconds() / 3600.0;
        header.set(String.format(Locale.ROOT, "Lot %s%s: %,d units, %,d passed, %,d failed, yield %s",
                report.lot(), report.profile() == null ? "" : " (" + report.profile() + ")", total, report.passed(),
                report.failed(), total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * report.passed() / total)));
        List<Point> yieldPoints = new ArrayList<>();
        List<Point> rate = new ArrayList<>();
        for (LotTrend.Bucket b : report.buckets()) {
            String label = TIME.format(b.start());
            yieldPoints.add(new Point(label, b.total() == 0 ? 0 : 100.0 * b.passed() / b.total()));
            rate.add(new Point(label, b.total() / hours));
        }
        List<Point> bars = new ArrayList<>();
        List<Point> cumulative = new ArrayList<>();
        long failed = report.failures().stream().mapToLong(LotTrend.FailureCount::count).sum();
        long running = 0;
        for (LotTrend.FailureCount f : report.failures()) {
            String label = f.step() + " " + f.errorCode();
            running += f.count();
            bars.add(new Point(label, f.count()));
            cumulative.add(new Point(label, 100.0 * running / failed));
        }
        yield.set(List.copyOf(yieldPoints));
        throughput.set(List.copyOf(rate));
        pareto.set(List.copyOf(bars));
        paretoCumulative.set(List.copyOf(cumulative));
        status.set(report.failures().isEmpty() ? "No failures in this lot"
                : "Most frequent failure: " + report.failures().get(0).step() + " " + report.failures().get(0).errorCode()
                + " (" + report.failures().get(0).count() + "x): " + report.failures().get(0).cause());
    }

    public ObservableList<String> lots() {
        return lots;
    }

    public ObjectProperty<String> lotProperty() {
        return lot;
    }

    public ObjectProperty<Duration> bucketProperty() {
        return bucket;
    }

    /** The lot in one line: units, passed, failed, yield. */
    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    /** Yield (passed / finished) per time bucket, in percent. */
    public ReadOnlyObjectProperty<List<Point>> yieldProperty() {
        return yield.getReadOnlyProperty();
    }

    /** Units per hour in each time bucket. */
    public ReadOnlyObjectProperty<List<Point>> throughputProperty() {
        return throughput.getReadOnlyProperty();
    }

    /** Failed units per step and error code, most frequent first. */
    public ReadOnlyObjectProperty<List<Point>> paretoProperty() {
        return pareto.getReadOnlyProperty();
    }

    /** The Pareto's cumulative share of failures, in percent, in the same order. */
    public ReadOnlyObjectProperty<List<Point>> paretoCumulativeProperty() {
        return paretoCumulative.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
