package dev.hallmark.db.store;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.failed;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SerialScheme;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lots with a plan on H2: the quota refused at CLAIM by the database, pattern and manifest serials, close, resume query. */
class LotPlansTest {

    @TempDir
    Path dir;

    @Test
    void theQuotaIsRefusedAtClaimAndAFailedUnitGivesItsPlaceBack() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.openLot(new LotPlan("Q", "sensor", 3, SerialScheme.pattern("Q-{counter:04}-X")), at(0));
            List<String> serials = new ArrayList<>();
            long first = 0;
            for (int i = 0; i < 3; i++) {
                long id = store.begin("Q", "ST-01", "F1", at(i));
                first = first == 0 ? id : first;
                serials.add(store.claim(id, uid(i), "STM32F4", "ignored-prefix-"));
            }
            long fourth = store.begin("Q", "ST-01", "F1", at(5));

            assertThat(serials).containsExactly("Q-0001-X", "Q-0002-X", "Q-0003-X");
            assertThatThrownBy(() -> store.claim(fourth, uid(3), "STM32F4", "P-"))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOT_QUOTA_REACHED));

            store.finish(first, failed("Q-0001-X", uid(0), Step.KEYGEN, ErrorCode.HSM_OPERATION_FAILED, "x"), at(6));
            assertThat(store.claim(fourth, uid(3), "STM32F4", "P-")).isEqualTo("Q-0004-X");
            LotReport report = store.lotReport("Q");
            assertThat(report.quota()).isEqualTo(3);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.inProgress()).isEqualTo(4 - 1);
        }
    }

    @Test
    void aManifestHandsOutItsSerialsInOrderOnceEach() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.openLot(new LotPlan("M", "sensor", 2, SerialScheme.manifest(List.of("B-7", "A-3"))), at(0));
            long a = store.begin("M", "ST-01", "F1", at(1));
            long b = store.begin("M", "ST-01", "F2", at(2));
            long c = store.begin("M", "ST-01", "F3", at(3));

            assertThat(store.claim(a, uid(1), "STM32F4", "P-")).isEqualTo("B-7");
            assertThat(store.claim(a, uid(1), "STM32F4", "P-")).as("a resumed claim").isEqualTo("B-7");
            assertThat(store.claim(b, uid(2), "STM32F4", "P-")).isEqualTo("A-3");
            store.finish(a, failed("B-7", uid(1), Step.INSTALL, ErrorCode.DEVICE_NACK, "x"), at(4));
            assertThatThrownBy(() -> store.claim(c, uid(3), "STM32F4", "P-"))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOT_SERIALS_EXHAUSTED));
        }
    }

    @Test
    void aLotReopenedWithAnotherPlanIsRefusedAndAClosedLotClaimsNothing() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            LotPlan plan = new LotPlan("C", "sensor", 5, SerialScheme.pattern("C-{counter}"));
            store.openLot(plan, at(0));
            store.openLot(plan, at(1));

            assertThatThrownBy(() -> store.openLot(new LotPlan("C", "sensor", 6, plan.serials()), at(2)))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOT_MISMATCH));
            assertThatThrownBy(() -> store.openLot(new LotPlan("C", "other", 5, plan.serials()), at(2)))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOT_MISMATCH));

            store.closeLot("C", at(3));
            long id = store.begin("C", "ST-01", "F1", at(4));
            assertThatThrownBy(() -> store.claim(id, uid(1), "STM32F4", "P-"))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOT_CLOSED));
            assertThat(store.lotReport("C").closedAt()).isEqualTo(at(3));
        }
    }

    @Test
    void theResumeQueryFindsTheStationsUnsealedUnitsOfTheLot() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.openLot(new LotPlan("R", "sensor", 9, SerialScheme.pattern("R-{counter}")), at(0));
            store.ensureLot("OTHER", "sensor", at(0));
            long open = store.begin("R", "ST-01", "F1", at(1));
            long sealed = store.begin("R", "ST-01", "F2", at(2));
            store.claim(sealed, uid(2), "STM32F4", "P-");
            store.finish(sealed, failed("R-1", uid(2), Step.KEYGEN, ErrorCode.HSM_OPERATION_FAILED, "x"), at(3));
            store.begin("R", "ST-02", "F1", at(4));
            store.begin("OTHER", "ST-01", "F1", at(5));

            assertThat(store.unfinished("ST-01", "R")).extracting(UnitRecord::id).containsExactly(open);
        }
    }

    @Test
    void eightWorkersRacingForAQuotaOfTenGetExactlyTen() throws Exception {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.openLot(new LotPlan("RACE", "sensor", 10, SerialScheme.pattern("RC-{counter:03}")), at(0));
            List<String> won = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            race(store, "RACE", "ST-01", 8, 4, 0, won, refused);

            assertThat(won).hasSize(10).doesNotHaveDuplicates();
            assertThat(refused).hasValue(8 * 4 - 10);
        }
    }

    /** {@code workers} threads, each beginning and claiming {@code each} units of the lot at once. */
    static void race(JdbcAuditStore store, String lot, String station, int workers, int each, int uidBase,
                     List<String> won, AtomicInteger refused) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> defects = Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.submit(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        long id = store.begin(lot, station, "F" + worker, at(i));
                        try {
                            won.add(store.claim(id, uid(uidBase + worker * 100 + i), "STM32F4", "P-"));
                        } catch (ProvisioningException e) {
                            if (e.code() != ErrorCode.LOT_QUOTA_REACHED) {
                                throw e;
                            }
                            refused.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    defects.add(e);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(defects).isEmpty();
    }
}
