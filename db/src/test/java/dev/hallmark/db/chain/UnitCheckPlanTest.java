package dev.hallmark.db.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.query.WithAuditFixture;
import dev.hallmark.db.store.UnitChainFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/**
 * The indexes of V10 serve the unit rows' chain facts without pulling the verifier off its walk: H2's plans say
 * which index each statement uses (at a million units the wrong one cost the verifier three quarters of its speed).
 */
class UnitCheckPlanTest extends WithAuditFixture {

    @Test
    void theVerifiersUnitWalkStaysOnTheUnitIndexInItsOrder() throws SQLException {
        String plan = plan(UnitCheck.EVENTS.replace("unit_id > ?", "unit_id > 0").replace("unit_id <= ?",
                "unit_id <= 5000"));

        assertThat(plan).containsPattern("AUDIT_EVENTS_UNIT_\\w*: UNIT_ID > ")
                .doesNotContainIgnoringCase("AUDIT_EVENTS_KIND_UNIT_IX");
    }

    @Test
    void aUnitsReworkAndRevocationAreEachOneSeek() throws SQLException {
        String plan = plan("select u.id, " + UnitChainFacts.columns("u") + " from units u");

        assertThat(plan).containsIgnoringCase("AUDIT_EVENTS_KIND_UNIT_IX: KIND = 'UNIT_REWORKED'")
                .containsIgnoringCase("AUDIT_EVENTS_KIND_CERT_IX: KIND = 'CERTIFICATE_REVOKED'");
    }

    private static String plan(String statement) throws SQLException {
        try (Connection c = db.source().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain " + statement)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
