package dev.hallmark.db.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.query.OrderedUnitSql.Part;

import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * A sorted page after a mark must seek an index to the mark and walk it in order, never sort: H2's plan shows
 * the seek as an index condition and "index sorted" (all columns) for the order, for every key, both directions.
 */
class OrderedUnitSqlPlanTest extends WithAuditFixture {

    @Test
    void everySortKeySeeksAnIndexAndWalksItInOrderInBothDirections() throws SQLException {
        for (UnitOrder.Key key : UnitOrder.Key.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                UnitOrder order = new UnitOrder(key, descending);
                for (Part part : Part.values()) {
                    if (key == UnitOrder.Key.ID && part == Part.SAME_VALUE) {
                        continue; // the id order has no ties: a page after a mark is NEXT_VALUES only
                    }
                    OrderedUnitSql sql = OrderedUnitSql.of(UnitQuery.all(), order, mark(key), part);
                    String plan = plan(sql, sql.page());
                    assertThat(plan).as("%s %s", order, part).contains("/* index sorted */");
                    if (part == Part.SAME_VALUE) {
                        assertThat(plan).as("%s %s", order, part).containsPattern("_IX: [A-Z_]+ = \\?1\\s+AND ID [<>] \\?2\\s+\\*/");
                    } else if (part == Part.NEXT_VALUES) {
                        assertThat(plan).as("%s %s", order, part).containsPattern(": [A-Z_]+ [<>] \\?1\\s+\\*/");
                    }
                }
            }
        }
    }

    private static UnitMark mark(UnitOrder.Key key) {
        return new UnitMark(switch (key) {
            case ID -> null;
            case STARTED -> Instant.parse("2026-01-05T10:00:00Z");
            case RESULT -> "PASS";
            case STATION -> "ST-01";
        }, 500);
    }

    private static String plan(OrderedUnitSql sql, String statement) throws SQLException {
        try (Connection c = db.source().getConnection(); PreparedStatement ps = c.prepareStatement("explain "
                + statement)) {
            int next = sql.bind(ps);
            ps.setLong(next, 0);
            ps.setInt(next + 1, 100);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1).replace('\n', ' ');
            }
        }
    }
}
