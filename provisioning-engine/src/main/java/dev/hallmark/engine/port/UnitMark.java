package dev.hallmark.engine.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one unit stands in a {@link UnitOrder}: the value of its sort column and its id. A page "after a mark"
 * starts at the next unit of the order, which the archive finds by seeking its index, not by counting rows.
 *
 * @param value the sort column's value: a {@link String}, an {@link Instant}, or null for {@link UnitOrder.Key#ID}
 * @param id    the unit id
 */
public record UnitMark(Object value, long id) {

    public UnitMark {
        if (value != null && !(value instanceof String) && !(value instanceof Instant)) {
            throw new IllegalArgumentException("a mark's value is text or an instant, not " + value.getClass());
        }
    }

    /** The mark of {@code unit} in {@code order}. */
    public static UnitMark of(UnitRecord unit, UnitOrder order) {
        Objects.requireNonNull(unit, "unit");
        return new UnitMark(switch (order.key()) {
            case ID -> null;
            case STARTED -> unit.started();
            case RESULT -> unit.result().name();
            case STATION -> unit.station();
        }, unit.id());
    }
}
