package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.longValue;
import static dev.hallmark.db.testing.TestUnits.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.chain.StationSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight fixture workers writing at once: each station's chain keeps the order its events were written in. */
class ChainConcurrencyTest {

    private static final int WORKERS = 8;
    private static final int UNITS_PER_WORKER = 4;

    @TempDir
    Path dir;

    @Test
    void eightWorkersOfOneStationWriteOneUnbrokenChain() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()).withCheckpointEvery(7))) {
            run(db.store(), worker -> "ST-01");

            try (Connection c = History.sqlConsole(dir)) {
                long events = longValue(c, "select count(*) from audit_events where station = 'ST-01'");
                assertThat(events).isEqualTo(WORKERS * UNITS_PER_WORKER * 21L);
                assertThat(longValue(c, "select max(seq) - min(seq) + 1 from audit_events")).isEqualTo(events);
                assertThat(longValue(c, "select count(*) from audit_events a join audit_events b"
                        + " on a.station = b.station and a.seq < b.seq and a.id > b.id"))
                        .as("pairs of events whose chain order differs from their write order").isZero();
                assertThat(longValue(c, "select count(*) from step_events s join step_events t"
                        + " on s.unit_id = t.unit_id and s.id < t.id join audit_events e on e.id = s.event_id"
                        + " join audit_events f on f.id = t.event_id where e.seq > f.seq"))
                        .as("journal entries of one unit out of chain order").isZero();
            }
            ChainReport report = db.verifyChain();
            assertThat(report.findings()).isEmpty();
            assertThat(report.stations()).singleElement().satisfies(s -> {
                assertThat(s.events()).isEqualTo(WORKERS * UNITS_PER_WORKER * 21L);
                assertThat(s.checkpoints()).isGreaterThanOrEqualTo(WORKERS * UNITS_PER_WORKER);
            });
        }
    }

    @Test
    void stationsSharingADatabaseKeepAChainEach() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir, History.signed(History.keys()))) {
            run(db.store(), worker -> worker % 2 == 0 ? "ST-A" : "ST-B");

            ChainReport report = db.verifyChain();
            assertThat(report.findings()).isEmpty();
            assertThat(report.stations()).extracting(StationSummary::station, StationSummary::events,
                    StationSummary::headSeq).containsExactly(
                    org.assertj.core.api.Assertions.tuple("ST-A", WORKERS / 2 * UNITS_PER_WORKER * 21L,
                            WORKERS / 2 * UNITS_PER_WORKER * 21L),
                    org.assertj.core.api.Assertions.tuple("ST-B", WORKERS / 2 * UNITS_PER_WORKER * 21L,
                            WORKERS / 2 * UNITS_PER_WORKER * 21L));
            try (Connection c = History.sqlConsole(dir)) {
                assertThat(longValue(c, "select count(*) from audit_events e join units u on u.id = e.unit_id"
                        + " where e.station <> u.station")).as("events chained by another station").isZero();
            }
        }
    }

    /** Each worker passes its units through every step, all workers released at once. */
    private static void run(JdbcAuditStore store, java.util.function.IntFunction<String> stationOf)
            throws Exception {
        store.ensureLot(LOT, "sensor-v2", at(0));
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                Callable<Integer> job = () -> {
                    start.await();
                    for (int i = 0; i < UNITS_PER_WORKER; i++) {
                        History.passUnit(store, stationOf.apply(worker), worker * 1000 + i);
                    }
                    return UNITS_PER_WORKER;
                };
                done.add(pool.submit(job));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(UNITS_PER_WORKER);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
