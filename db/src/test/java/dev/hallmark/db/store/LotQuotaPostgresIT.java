package dev.hallmark.db.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.SerialScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The overbuild cap across stations: two stations (each its own connection pool) on one real PostgreSQL 15 claim units
 * of one lot at the same time; the database lets exactly the quota through, whichever station asks.
 */
class LotQuotaPostgresIT {

    @Test
    void twoStationsRacingForOneLotGetExactlyItsQuotaBetweenThem() throws Exception {
        assumeTrue(PostgresCluster.installed(), "PostgreSQL 15 (Debian's postgresql) is not installed");
        try (PostgresCluster pg = PostgresCluster.start()) {
            pg.createDatabase("plant");
            String url = pg.url("plant");
            try (AuditDatabase a = AuditDatabase.open(url, PostgresCluster.USER, new char[0]);
                 AuditDatabase b = AuditDatabase.open(url, PostgresCluster.USER, new char[0])) {
                LotPlan plan = new LotPlan("PG-LOT", "sensor", 12, SerialScheme.pattern("PG-{counter:04}"));
                a.store().openLot(plan, Instant.now());
                b.store().openLot(plan, Instant.now());
                List<String> won = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger refused = new AtomicInteger();
                Thread other = new Thread(() -> {
                    try {
                        LotPlansTest.race(b.store(), "PG-LOT", "ST-B", 4, 5, 50_000, won, refused);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                other.start();
                LotPlansTest.race(a.store(), "PG-LOT", "ST-A", 4, 5, 0, won, refused);
                other.join();

                assertThat(won).hasSize(12).doesNotHaveDuplicates();
                assertThat(refused).hasValue(2 * 4 * 5 - 12);
                assertThat(a.store().lotReport("PG-LOT").inProgress()).isEqualTo(2 * 4 * 5);
            }
        }
    }
}
