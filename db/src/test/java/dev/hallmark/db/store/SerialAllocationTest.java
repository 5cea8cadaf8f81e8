package dev.hallmark.db.store;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.port.UnitRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialAllocationTest {

    private static final int THREADS = 8;
    private static final int CLAIMS = 25;

    @TempDir
    Path dir;

    @Test
    void eightWorkersGetConsecutiveUniqueSerials() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot("L1", "sensor-v2", at(0));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int worker = t;
                Callable<List<String>> job = () -> {
                    start.await();
                    List<String> serials = new ArrayList<>();
                    for (int i = 0; i < CLAIMS; i++) {
                        long id = store.begin("L1", "ST-01", "F" + worker, at(i));
                        serials.add(store.claim(id, uid(worker * 1000 + i), "STM32F4", "SN"));
                    }
                    return serials;
                };
                results.add(workers.submit(job));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) {
                List<String> mine = f.get(30, TimeUnit.SECONDS);
                assertThat(mine).isSorted();
                all.addAll(mine);
            }

            Set<String> expected = IntStream.rangeClosed(1, THREADS * CLAIMS)
                    .mapToObj(n -> String.format("SN%06d", n)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(all).hasSize(THREADS * CLAIMS).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(all)).isEqualTo(expected);
            assertThat(store.units("L1")).extracting(UnitRecord::serial).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            workers.shutdownNow();
        }
    }
}
