package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.testing.TestUnits.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.chain.History;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durability point on the embedded database: the waiting entries in one chained write, then one shared fsync. */
class DurabilityPointStoreTest {

    private static final String ST = "ST-01";

    @TempDir
    Path dir;

    @Test
    void theEntriesOfAPointAreOneWriteThatChainsEachAndTheChainHolds() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()))) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            long id = store.begin(LOT, ST, "F1", at(1));
            List<StepEvent> entries = List.of(new StepEvent(Step.IDENTIFY, StepStatus.STARTED, at(2), null),
                    new StepEvent(Step.IDENTIFY, StepStatus.DONE, at(3), "uid 01"),
                    new StepEvent(Step.ISSUE, StepStatus.STARTED, at(4), "intent to issue: request csr-sha256 "
                            + "ab".repeat(32) + " for serial HM-1"));

            store.recordSteps(id, entries);
            store.sync();

            assertThat(store.events(id)).isEqualTo(entries);
            assertThat(store.durability().flushes()).isEqualTo(1);
            assertThat(db.verifyChain().exitCode()).isZero();
        }
    }

    @Test
    void concurrentUnitsAskingForADurabilityPointShareFsyncsAndEachSeesItsEntriesKept() throws Exception {
        int units = 8;
        int rounds = 5;
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", at(0));
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                ids.add(store.begin(LOT, ST, "F" + i, at(1)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(units);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (long id : ids) {
                    done.add(pool.submit(() -> {
                        for (int r = 0; r < rounds; r++) {
                            store.recordSteps(id, List.of(new StepEvent(Step.VERIFY, StepStatus.STARTED, at(2), null),
                                    new StepEvent(Step.VERIFY, StepStatus.DONE, at(3), "round " + r)));
                            store.sync();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (long id : ids) {
                assertThat(store.events(id)).hasSize(2 * rounds);
            }
            assertThat(store.durability().requests()).isEqualTo((long) units * rounds);
            assertThat(store.durability().flushes()).isBetween(1L, (long) units * rounds);
        }
    }
}
