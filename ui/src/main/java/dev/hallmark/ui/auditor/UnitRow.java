package dev.hallmark.ui.auditor;

import dev.hallmark.engine.port.UnitRecord;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of the auditor's table: a stable holder for the unit at one position, empty until its page arrives.
 * Cells bind to {@link #unitProperty()}, so a page that arrives fills its rows without a list change.
 */
public final class UnitRow {

    private final long position;
    private final ReadOnlyObjectWrapper<UnitRecord> unit = new ReadOnlyObjectWrapper<>();

    UnitRow(long position) {
        this.position = position;
    }

    /** The row's position in the search result, from 0. */
    public long position() {
        return position;
    }

    /** The unit, or null while its page is loading. */
    public ReadOnlyObjectProperty<UnitRecord> unitProperty() {
        return unit.getReadOnlyProperty();
    }

    public UnitRecord unit() {
        return unit.get();
    }

    void fill(UnitRecord record) {
        unit.set(record);
    }
}
