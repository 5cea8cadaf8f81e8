package dev.hallmark.engine.port;

import java.util.Objects;

/**
 * The order of the auditor's table: one column of a fixed whitelist, ascending or descending, ties broken by the
 * unit id in the same direction, so every order is total and a page can seek to the row after a {@link UnitMark}.
 *
 * @param key        the column sorted by
 * @param descending whether the largest value comes first
 */
public record UnitOrder(Key key, boolean descending) {

    /**
     * The columns a table may be sorted by; each has an index (column, id) in the archive, none is ever null. Not the
     * lot: H2 reads "lot_id > ?" through the lot foreign key's own one-column index and would sort each lot by id.
     */
    public enum Key {
        /** The unit's id: the order units were started in on one station. */
        ID,
        /** When the unit started. */
        STARTED,
        /** PASS, FAILED or IN_PROGRESS. */
        RESULT,
        /** The station that ran the unit. */
        STATION
    }

    public UnitOrder {
        Objects.requireNonNull(key, "key");
    }

    /** Id order, oldest first: the default. */
    public static UnitOrder byId() {
        return new UnitOrder(Key.ID, false);
    }
}
