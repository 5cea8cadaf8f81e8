package dev.hallmark.db.query;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitSearchTest {

    @TempDir
    static Path dir;
    private static AuditFixture db;
    private static long l1Pass1;
    private static long l1Pass2;
    private static long l1FailIdentify;
    private static long l1FailVerify;
    private static long l2Pass;
    private static long l2FailIssue;
    private static final List<Long> L3 = new ArrayList<>();

    @BeforeAll
    static void fill() throws ProvisioningException {
        db = new AuditFixture(dir);
        l1Pass1 = db.pass("L1", "ST-01", at(10));
        l1Pass2 = db.pass("L1", "ST-02", at(20));
        l1FailIdentify = db.fail("L1", "ST-01", at(30), Step.IDENTIFY, "no answer");
        l1FailVerify = db.fail("L1", "ST-02", at(40), Step.VERIFY, "still readable");
        l2Pass = db.pass("L2", "ST-03", at(100));
        l2FailIssue = db.fail("L2", "ST-01", at(110), Step.ISSUE, "CA refused");
        for (int i = 0; i < 10; i++) {
            L3.add(db.pass("L3", "ST-04", at(200 + i)));
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void bySerialFindsThatUnitOnly() throws ProvisioningException {
        String serial = db.store().unit(l1Pass2).orElseThrow().serial();

        assertThat(ids(UnitQuery.builder().serial(serial))).containsExactly(l1Pass2);
        assertThat(ids(UnitQuery.builder().serial("HM999999"))).isEmpty();
    }

    @Test
    void byUidInEitherCase() throws ProvisioningException {
        String hex = db.store().unit(l2Pass).orElseThrow().uid();

        assertThat(ids(UnitQuery.builder().uid(hex.toUpperCase()))).containsExactly(l2Pass);
        assertThat(ids(UnitQuery.builder().uid(uid(4242)))).isEmpty();
    }

    @Test
    void byLotInIdOrder() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().lot("L1"))).containsExactly(l1Pass1, l1Pass2, l1FailIdentify,
                l1FailVerify);
        assertThat(ids(UnitQuery.builder().lot("L9"))).isEmpty();
    }

    @Test
    void byDateRangeFromInclusiveBeforeExclusive() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().startedBetween(at(20), at(100)))).containsExactly(l1Pass2,
                l1FailIdentify, l1FailVerify);
        assertThat(ids(UnitQuery.builder().startedFrom(at(110)).startedBefore(at(201))))
                .containsExactly(l2FailIssue, L3.get(0));
        assertThat(ids(UnitQuery.builder().startedBefore(at(10)))).isEmpty();
    }

    @Test
    void byResult() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().result(UnitResult.FAILED))).containsExactly(l1FailIdentify, l1FailVerify,
                l2FailIssue);
        assertThat(ids(UnitQuery.builder().result(UnitResult.PASS))).hasSize(13);
        assertThat(ids(UnitQuery.builder().result(UnitResult.IN_PROGRESS))).isEmpty();
    }

    @Test
    void byFailedStep() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().failedStep(Step.VERIFY))).containsExactly(l1FailVerify);
        assertThat(ids(UnitQuery.builder().failedStep(Step.ISSUE))).containsExactly(l2FailIssue);
        assertThat(ids(UnitQuery.builder().failedStep(Step.LOCK))).isEmpty();
    }

    @Test
    void byStation() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().station("ST-02"))).containsExactly(l1Pass2, l1FailVerify);
        assertThat(ids(UnitQuery.builder().station("ST-01"))).containsExactly(l1Pass1, l1FailIdentify, l2FailIssue);
    }

    @Test
    void byOperatorMatchesNothingUntilOperatorsAreRecorded() throws ProvisioningException {
        UnitQuery byOperator = UnitQuery.builder().operator("alice").build();

        assertThat(UnitSearch.find(db.source(), byOperator)).isEmpty();
        assertThat(UnitSearch.count(db.source(), byOperator)).isZero();
    }

    @Test
    void criteriaCombineWithAnd() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().lot("L1").station("ST-01").result(UnitResult.PASS)))
                .containsExactly(l1Pass1);
        assertThat(ids(UnitQuery.builder().lot("L2").failedStep(Step.IDENTIFY))).isEmpty();
    }

    @Test
    void pagesWalkTheMatchesOnceInIdOrder() throws ProvisioningException {
        UnitQuery first = UnitQuery.builder().lot("L3").limit(3).build();
        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Optional<UnitQuery> next = Optional.of(first);
        while (next.isPresent()) {
            List<UnitRecord> page = UnitSearch.find(db.source(), next.get());
            sizes.add(page.size());
            page.forEach(u -> seen.add(u.id()));
            next = next.get().nextPage(page);
        }

        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(seen).isEqualTo(L3);
        assertThat(UnitSearch.count(db.source(), first)).isEqualTo(10);
        assertThat(UnitSearch.count(db.source(), first.toBuilder().afterId(L3.get(6)).build())).isEqualTo(3);
    }

    @Test
    void aPageNeverHoldsMoreThanItsLimit() throws ProvisioningException {
        assertThat(UnitSearch.find(db.source(), UnitQuery.builder().limit(2).build()))
                .extracting(UnitRecord::id).containsExactly(l1Pass1, l1Pass2);
        assertThat(UnitSearch.count(db.source(), UnitQuery.all())).isEqualTo(16);
    }

    @Test
    void criteriaAreValuesNeverSql() throws ProvisioningException {
        assertThat(ids(UnitQuery.builder().serial("x' or '1'='1"))).isEmpty();
        assertThat(ids(UnitQuery.builder().station("ST-01' or 1=1 --"))).isEmpty();
    }

    @Test
    void recordsReadBackAsTheStoreWroteThem() throws ProvisioningException {
        UnitRecord viaSearch = UnitSearch.find(db.source(), UnitQuery.builder().lot("L2").build()).get(1);

        assertThat(viaSearch).isEqualTo(db.store().unit(l2FailIssue).orElseThrow());
        assertThat(viaSearch.failedStep()).isEqualTo("ISSUE");
        assertThat(viaSearch.cause()).isEqualTo("CA refused");
    }

    private static List<Long> ids(UnitQuery.Builder query) throws ProvisioningException {
        return UnitSearch.find(db.source(), query.limit(UnitQuery.MAX_LIMIT).build()).stream()
                .map(UnitRecord::id).toList();
    }
}
