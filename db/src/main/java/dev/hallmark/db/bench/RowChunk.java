package dev.hallmark.db.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows the generator made for some units, per insert statement in the order they were added, not yet written: the
 * generator fills one while {@link ChunkWriter}s write the ones before it on connections of their own.
 */
final class RowChunk {

    private static final int BATCH = 1_000;

    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

    /** Adds a row for {@code insert}, its values in the statement's parameter order (null for SQL NULL). */
    void add(String insert, Object... values) {
        rows.computeIfAbsent(insert, k -> new ArrayList<>()).add(values);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Inserts every row with batched statements on {@code c}, table after table; the caller commits. */
    void insert(Connection c) throws SQLException {
        for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement(table.getKey())) {
                int pending = 0;
                for (Object[] row : table.getValue()) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
        }
    }
}
