package dev.hallmark.db.chain;

import java.util.Objects;

/**
 * One thing wrong in the audit record, naming the row: its table, its id (null when the row is gone), the station
 * whose chain it belongs to and its seq there (null when unknown).
 */
public record ChainFinding(FindingKind kind, String table, Long rowId, String station, Long seq, String what) {

    public ChainFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(what, "what");
    }

    /** One line for the operator: {@code EDITED audit_events #12 station ST-01 seq 7: ...}. */
    public String line() {
        StringBuilder b = new StringBuilder(kind.name()).append(' ').append(table);
        if (rowId != null) {
            b.append(" #").append(rowId);
        }
        if (station != null) {
            b.append(" station ").append(station);
        }
        if (seq != null) {
            b.append(" seq ").append(seq);
        }
        return b.append(": ").append(what).toString();
    }
}
