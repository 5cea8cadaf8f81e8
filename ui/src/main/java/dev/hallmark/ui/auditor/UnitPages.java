package dev.hallmark.ui.auditor;

import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.ui.Background;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableListBase;

/**
 * The rows of one search in one {@link UnitOrder} as a list of its full size that holds only a few pages: asking
 * for a row whose page is not held returns an empty {@link UnitRow} at once and loads that page in the background;
 * the least recently used page is dropped past {@link #maxPages}. A TableView over it only asks for the rows it
 * shows, so a million units scroll without being loaded.
 *
 * <p>How a page is found, never by a long OFFSET: after the page before it when that is held (a keyset seek to
 * its last row), else from the start when it lies within the first {@link #MARK_EVERY} rows (a short skip), else
 * through the search's position index: the marks of every {@link #MARK_EVERY}th row, read once in the background
 * on the first deep jump (pages asked for meanwhile wait for it), then a seek to the mark and a skip of less than
 * {@link #MARK_EVERY} rows. Used on the FX thread only (the background's FX executor is that thread).
 */
public final class UnitPages extends ObservableListBase<UnitRow> {

    /** Spacing of the position index: a deep jump reads at most this many index entries before its page. */
    public static final int MARK_EVERY = 1024;

    private final UnitArchive archive;
    private final UnitFilter filter;
    private final UnitOrder order;
    private List<UnitMark> marks;
    private boolean marksRequested;
    private final List<Page> waitingForMarks = new ArrayList<>();
    private final int size;
    private final int pageSize;
    private final int maxPages;
    private final Background background;
    private final Map<Long, Page> pages;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private long pagesLoaded;

    UnitPages(UnitArchive archive, UnitFilter filter, UnitOrder order, long count, int pageSize, int maxPages,
              Background background) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.order = Objects.requireNonNull(order, "order");
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

    /** The order of these rows. */
    public UnitOrder order() {
        return order;
    }

    /** Whether the position index has been read (only a deep jump reads it). */
    public boolean hasMarks() {
        return marks != null;
    }

    private void load(Page page) {
        long start = page.number * pageSize;
        Page before = pages.get(page.number - 1);
        if (before != null && before.last != null) {
            read(page, before.last, 0);
        } else if (start < MARK_EVERY) {
            read(page, null, start);
        } else if (marks != null) {
            int k = (int) Math.min(start / MARK_EVERY, marks.size());
            read(page, k == 0 ? null : marks.get(k - 1), start - (long) k * MARK_EVERY);
        } else {
            waitingForMarks.add(page);
            if (!marksRequested) {
                marksRequested = true;
                background.run("index the positions of the search", () -> archive.marks(filter, order, MARK_EVERY),
                        this::marksRead, error::set);
            }
        }
    }

    private void marksRead(List<UnitMark> found) {
        marks = List.copyOf(found);
        List<Page> waiting = List.copyOf(waitingForMarks);
        waitingForMarks.clear();
        waiting.stream().filter(p -> !p.dropped).forEach(this::load);
    }

    private void read(Page page, UnitMark after, long skip) {
        int limit = page.rows.length;
        long offset = page.number * pageSize;
        // A page scrolled past and dropped before its turn on the worker is not read at all (fast scrolling).
        background.run("read units " + offset + " to " + (offset + limit),
                () -> page.dropped ? List.<UnitRecord>of() : archive.page(filter, order, after, skip, limit),
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
            page.last = UnitMark.of(records.get(records.size() - 1), order);
        }
    }

    /** One page of rows; its last unit's mark lets the next page seek. */
    private final class Page {
        final long number;
        final UnitRow[] rows;
        UnitMark last;
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
