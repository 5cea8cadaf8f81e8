package dev.hallmark.ui.auditor;

import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.ui.Background;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableListBase;

/**
 * The rows of one search as a list of its full size that holds only a few pages: asking for a row whose page is
 * not held returns an empty {@link UnitRow} at once and loads that page in the background (a keyset seek when the
 * page before is held, an offset otherwise); the least recently used page is dropped past {@link #maxPages}.
 * A TableView over it only asks for the rows it shows, so a million units scroll without being loaded.
 * Used on the FX thread only (the background's FX executor is that thread).
 */
public final class UnitPages extends ObservableListBase<UnitRow> {

    private final UnitArchive archive;
    private final UnitFilter filter;
    private final int size;
    private final int pageSize;
    private final int maxPages;
    private final Background background;
    private final Map<Long, Page> pages;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private long pagesLoaded;

    UnitPages(UnitArchive archive, UnitFilter filter, long count, int pageSize, int maxPages, Background background) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.size = (int) Math.min(Integer.MAX_VALUE, count);
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.background = Objects.requireNonNull(background, "background");
        this.pages = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Page> eldest) {
                boolean drop = size() > UnitPages.this.maxPages;
                if (drop) {
                    eldest.getValue().dropped = true;
                }
                return drop;
            }
        };
    }

    @Override
    public UnitRow get(int index) {
        Objects.checkIndex(index, size);
        long number = index / pageSize;
        Page page = pages.get(number);
        if (page == null) {
            page = new Page(number);
            pages.put(number, page);
            load(page);
        }
        return page.rows[index - (int) (number * pageSize)];
    }

    @Override
    public int size() {
        return size;
    }

    /** Searches only the pages held: a lookup must never read the whole result. */
    @Override
    public int indexOf(Object o) {
        if (o instanceof UnitRow row && row.position() < size) {
            Page page = pages.get(row.position() / pageSize);
            if (page != null && page.rows[(int) (row.position() % pageSize)] == row) {
                return (int) row.position();
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    /** Rows held in memory now: at most {@code maxPages × pageSize}, whatever the size. */
    public int rowsHeld() {
        return pages.values().stream().mapToInt(p -> p.rows.length).sum();
    }

    /** Pages read from the archive since this search started. */
    public long pagesLoaded() {
        return pagesLoaded;
    }

    /** The last page read error, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    private void load(Page page) {
        long offset = page.number * pageSize;
        Page before = pages.get(page.number - 1);
        long afterId = before != null && before.lastId > 0 ? before.lastId : 0;
        int limit = page.rows.length;
        // A page scrolled past and dropped before its turn on the worker is not read at all (fast scrolling).
        background.run("read units " + offset + " to " + (offset + limit),
                () -> page.dropped ? List.<UnitRecord>of() : archive.page(filter, offset, afterId, limit),
                records -> fill(page, records), error::set);
    }

    private void fill(Page page, List<UnitRecord> records) {
        if (page.dropped) {
            return;
        }
        pagesLoaded++;
        for (int i = 0; i < records.size() && i < page.rows.length; i++) {
            page.rows[i].fill(records.get(i));
        }
        if (!records.isEmpty()) {
            page.lastId = records.get(records.size() - 1).id();
        }
    }

    /** One page of rows; its last unit's id lets the next page seek. */
    private final class Page {
        final long number;
        final UnitRow[] rows;
        long lastId;
        /** Set on the FX thread when the page leaves the cache; read by the worker before it queries. */
        volatile boolean dropped;

        Page(long number) {
            this.number = number;
            int length = (int) Math.min(pageSize, size - number * pageSize);
            this.rows = new UnitRow[length];
            for (int i = 0; i < length; i++) {
                rows[i] = new UnitRow(number * pageSize + i);
            }
        }
    }
}
