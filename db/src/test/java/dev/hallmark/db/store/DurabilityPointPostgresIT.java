package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.testing.TestUnits.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A durability point on a real PostgreSQL 15: the waiting entries of a unit are one chained transaction, read back in
 * order by another station's pool, and the chain verifies; {@code sync()} has nothing left to do on a server that
 * flushes its log before a commit returns (no file of the station's is forced).
 */
class DurabilityPointPostgresIT {

    @Test
    void theEntriesOfAPointAreOneTransactionThatAnotherPoolReadsBackAndTheChainHolds() throws Exception {
        assumeTrue(PostgresCluster.installed(), "PostgreSQL 15 (Debian's postgresql) is not installed");
        try (PostgresCluster pg = PostgresCluster.start()) {
            pg.createDatabase("plant");
            String url = pg.url("plant");
            try (AuditDatabase a = AuditDatabase.open(url, PostgresCluster.USER, new char[0]);
                 AuditDatabase b = AuditDatabase.open(url, PostgresCluster.USER, new char[0])) {
                a.store().ensureLot(LOT, "sensor-v2", at(0));
                long id = a.store().begin(LOT, "ST-A", "F1", at(1));
                List<StepEvent> entries = List.of(new StepEvent(Step.IDENTIFY, StepStatus.STARTED, at(2), null),
                        new StepEvent(Step.IDENTIFY, StepStatus.DONE, at(3), "uid 01"),
                        new StepEvent(Step.ISSUE, StepStatus.STARTED, at(4), "intent to issue: request csr-sha256 "
                                + "cd".repeat(32) + " for serial PG-1"));

                a.store().recordSteps(id, entries);
                a.store().sync();

                assertThat(b.store().events(id)).isEqualTo(entries);
                assertThat(a.store().durability().flushes()).isEqualTo(1);
                assertThat(a.verifyChain().exitCode()).isZero();
            }
        }
    }
}
