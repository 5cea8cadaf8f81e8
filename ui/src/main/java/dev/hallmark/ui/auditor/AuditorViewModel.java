package dev.hallmark.ui.auditor;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.ChainCheck;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.ui.Background;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The auditor's screen, read-only: search criteria, the paged result, the opened unit, the audit chain's
 * verification and exports. All archive calls run through {@link Background}; state changes on the FX executor.
 */
public final class AuditorViewModel {

    /** Rows per page read from the archive. */
    public static final int PAGE_SIZE = 200;
    /** Pages held at once; older ones are dropped and read again when scrolled back to. */
    public static final int MAX_PAGES = 16;

    private final UnitArchive archive;
    private final Background background;
    private final StringProperty serial = new SimpleStringProperty("");
    private final StringProperty uid = new SimpleStringProperty("");
    private final StringProperty lot = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<UnitResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<Step> failedStep = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<UnitPages> rows = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("Enter criteria and press Search (Enter)");
    private final ReadOnlyObjectWrapper<UnitDetailViewModel> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper chainText = new ReadOnlyStringWrapper("Audit chain not verified yet");
    private final ReadOnlyObjectWrapper<Boolean> chainOk = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private long searchNumber;
    private UnitOrder order = UnitOrder.byId();

    public AuditorViewModel(UnitArchive archive, Background background) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** Runs the search the criteria describe; a criterion that does not parse is named in the status line. */
    public void search() {
        UnitFilter filter;
        try {
            filter = filter();
        } catch (IllegalArgumentException e) {
            status.set("Search not run: " + e.getMessage());
            return;
        }
        UnitOrder order = this.order;
        long number = ++searchNumber;
        resultText.set("Searching…");
        busy.set(true);
        background.run("count the units", () -> archive.count(filter), count -> {
            if (number != searchNumber) {
                return; // a newer search has started
            }
            busy.set(false);
            rows.set(new UnitPages(archive, filter, order, count, PAGE_SIZE, MAX_PAGES, background));
            resultText.set(String.format(Locale.ROOT, "%,d unit%s", count, count == 1 ? "" : "s"));
            status.set("");
        }, error -> {
            busy.set(false);
            resultText.set("Search failed");
            status.set(error);
        });
    }

    /**
     * Sorts the table by {@code newOrder} (the id order when null): the search runs again in that order, on the
     * database; nothing happens when the order is the one shown.
     */
    public void sortBy(UnitOrder newOrder) {
        UnitOrder chosen = newOrder == null ? UnitOrder.byId() : newOrder;
        if (chosen.equals(order)) {
            return;
        }
        order = chosen;
        if (rows.get() != null) {
            search();
        }
    }

    /** The order the next search uses. */
    public UnitOrder order() {
        return order;
    }

    /** The criteria as a filter; throws IllegalArgumentException naming a criterion that does not parse. */
    UnitFilter filter() {
        String uidHex = trimmed(uid.get());
        if (uidHex != null && !uidHex.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("the UID is hexadecimal digits, not '" + uidHex + "'");
        }
        LocalDate first = from.get();
        LocalDate last = to.get();
        if (first != null && last != null && last.isBefore(first)) {
            throw new IllegalArgumentException("the date range ends (" + last + ") before it starts (" + first + ")");
        }
        return new UnitFilter(trimmed(serial.get()), uidHex == null ? null : uidHex.toLowerCase(Locale.ROOT),
                trimmed(lot.get()), first == null ? null : first.atStartOfDay().toInstant(ZoneOffset.UTC),
                last == null ? null : last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), result.get(),
                failedStep.get());
    }

    /** Opens the unit of a row in the detail pane; a row still loading is ignored. */
    public void open(UnitRow row) {
        if (row == null || row.unit() == null) {
            return;
        }
        long id = row.unit().id();
        status.set("Opening unit " + row.unit().serial() + "…");
        background.run("open unit #" + id, () -> new UnitDetailViewModel(archive.detail(id)), d -> {
            detail.set(d);
            status.set("");
        }, status::set);
    }

    /** Verifies the audit chain; the result, with the pin it was checked against, replaces the chain line. */
    public void verifyChain() {
        chainText.set("Verifying the audit chain…");
        chainOk.set(null);
        background.run("verify the audit chain", archive::verifyChain, this::showChain, error -> {
            chainOk.set(false);
            chainText.set("Verification could not run: " + error);
        });
    }

    private void showChain(ChainCheck check) {
        chainOk.set(check.ok());
        String head = check.ok() ? "AUDIT CHAIN HOLDS"
                : ChainCheck.UNPINNED.equals(check.pin()) ? "AUDIT CHAIN NOT VOUCHED FOR" : "AUDIT CHAIN BROKEN";
        chainText.set(head + "\npin: " + check.pin() + "\n" + String.join("\n", check.lines()));
    }

    /** The formats {@link #export} takes. */
    public List<String> exportFormats() {
        return archive.exportFormats();
    }

    /**
     * Exports the units of the lot criterion (all lots when empty) in {@code format} to {@code target}, written to a
     * temporary file beside it and moved into place when complete, so a failed export leaves no partial file.
     */
    public void export(String format, Path target) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(target, "target");
        String lotOrNull = trimmed(lot.get());
        status.set("Exporting " + format + " to " + target + "…");
        background.run("export " + format + " to " + target, () -> writeExport(format, lotOrNull, target),
                units -> status.set(String.format(Locale.ROOT, "Exported %,d unit%s as %s to %s", units,
                        units == 1 ? "" : "s", format, target)), status::set);
    }

    private long writeExport(String format, String lotOrNull, Path target) throws ProvisioningException {
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        try {
            long units;
            try (OutputStream out = Files.newOutputStream(partial)) {
                units = archive.export(format, lotOrNull, out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return units;
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the export file " + target
                    + " cannot be written; choose a writable place", e.toString(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the partial file was already moved or never created
            }
        }
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public StringProperty serialProperty() {
        return serial;
    }

    public StringProperty uidProperty() {
        return uid;
    }

    public StringProperty lotProperty() {
        return lot;
    }

    /** First day of the date range (UTC), inclusive, or null. */
    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** Last day of the date range (UTC), inclusive, or null. */
    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<UnitResult> resultProperty() {
        return result;
    }

    public ObjectProperty<Step> failedStepProperty() {
        return failedStep;
    }

    /** The current search's rows, null before the first search. */
    public ReadOnlyObjectProperty<UnitPages> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** For example {@code 1,000,000 units}. */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** The opened unit, or null. */
    public ReadOnlyObjectProperty<UnitDetailViewModel> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The chain verification's result: a head line, then one line per station and finding. */
    public ReadOnlyStringProperty chainTextProperty() {
        return chainText.getReadOnlyProperty();
    }

    /** True when the chain holds, false when broken or unverifiable, null before or during a verification. */
    public ReadOnlyObjectProperty<Boolean> chainOkProperty() {
        return chainOk.getReadOnlyProperty();
    }

    /** Progress and errors of the last action, one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
