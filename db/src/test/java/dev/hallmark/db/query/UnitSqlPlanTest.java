package dev.hallmark.db.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/**
 * Each batch of a cursor and each page must walk an index in id order and stop after its rows, not sort every
 * match: H2's plan says so with "index sorted". This is what keeps an export of a large lot linear.
 */
class UnitSqlPlanTest extends WithAuditFixture {

    @Test
    void batchesAndPagesByEachEqualityCriterionWalkAnIndexInOrder() throws SQLException {
        for (UnitQuery q : new UnitQuery[] {UnitQuery.all(), UnitQuery.builder().lot("L1").build(),
                UnitQuery.builder().lot("L1").afterId(500).build(), UnitQuery.builder().station("ST-01").build(),
                UnitQuery.builder().result(UnitResult.PASS).build(),
                UnitQuery.builder().failedStep(Step.VERIFY).build()}) {
            UnitSql sql = UnitSql.of(q);

            assertThat(plan(sql, sql.batch(true))).as("batch %s", q).contains("/* index sorted */");
            assertThat(plan(sql, sql.page())).as("page %s", q).contains("/* index sorted */");
        }
    }

    @Test
    void aLotIsReadThroughItsLotAndIdIndex() throws SQLException {
        UnitSql sql = UnitSql.of(UnitQuery.builder().lot("L1").afterId(7).build());

        assertThat(plan(sql, sql.batch(false))).containsIgnoringCase("UNITS_LOT_ID_IX: LOT_ID = ?1");
    }

    private static String plan(UnitSql sql, String statement) throws SQLException {
        try (Connection c = db.source().getConnection(); PreparedStatement ps = c.prepareStatement("explain "
                + statement)) {
            ps.setInt(sql.bind(ps), 100);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
