package dev.hallmark.db.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.bench.GeneratedArchive;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sorted pages reached through the position index (a mark, then a short skip) hold exactly the units a plain
 * sort of every unit puts there: the reference is every unit read once in id order and sorted here, no OFFSET.
 */
class OrderedPagesTest {

    private static final int UNITS = 3_000;
    private static final int EVERY = 128;

    @TempDir
    static Path dir;
    private static AuditDatabase db;
    private static JdbcUnitArchive archive;
    private static List<UnitRecord> everyUnit;

    @BeforeAll
    static void open() throws Exception {
        GeneratedArchive.ensure(dir, UNITS, false);
        db = AuditDatabase.openH2(dir);
        archive = new JdbcUnitArchive(db, AuditDataSources.embedded(dir), ChainVerifier.acceptingStoredKeys(),
                List.of(), f -> ExportContext.of(Clock.systemUTC()));
        everyUnit = new ArrayList<>();
        List<UnitRecord> page = archive.page(UnitFilter.all(), UnitOrder.byId(), null, 0, 1000);
        while (!page.isEmpty()) {
            everyUnit.addAll(page);
            page = archive.page(UnitFilter.all(), UnitOrder.byId(), UnitMark.of(page.get(page.size() - 1),
                    UnitOrder.byId()), 0, 1000);
        }
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void everyOrderJumpsToTheSameRowsAsAFullSort() throws Exception {
        assertThat(everyUnit).hasSize(UNITS);
        for (UnitOrder.Key key : UnitOrder.Key.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                UnitOrder order = new UnitOrder(key, descending);
                check(UnitFilter.all(), order, reference(u -> true, order), EVERY);
            }
        }
    }

    @Test
    void aFilteredOrderJumpsToTheSameRowsAsAFullSort() throws Exception {
        UnitFilter failed = new UnitFilter(null, null, null, null, null, UnitResult.FAILED, null);
        UnitOrder latestFirst = new UnitOrder(UnitOrder.Key.STARTED, true);
        List<UnitRecord> expected = reference(u -> u.result() == UnitResult.FAILED, latestFirst);
        assertThat(expected).hasSizeGreaterThan(4 * 16);
        check(failed, latestFirst, expected, 16);
    }

    private static void check(UnitFilter filter, UnitOrder order, List<UnitRecord> expected, int every)
            throws Exception {
        List<UnitMark> marks = archive.marks(filter, order, every);
        assertThat(marks).as("%s marks", order).hasSize(expected.size() / every);
        for (int i = 0; i < marks.size(); i++) {
            assertThat(marks.get(i).id()).as("%s mark %d", order, i).isEqualTo(expected.get((i + 1) * every - 1).id());
        }
        int[] positions = {0, 1, every - 1, every, every + 1, expected.size() / 3, expected.size() / 2 + 7,
            expected.size() - 30, expected.size() - 1};
        for (int p : positions) {
            int k = p / every;
            UnitMark after = k == 0 ? null : marks.get(k - 1);
            List<UnitRecord> page = archive.page(filter, order, after, p - (long) k * every, 50);
            assertThat(page).extracting(UnitRecord::id).as("%s at %d", order, p)
                    .containsExactlyElementsOf(expected.subList(p, Math.min(expected.size(), p + 50)).stream()
                            .map(UnitRecord::id).toList());
        }
    }

    private static List<UnitRecord> reference(java.util.function.Predicate<UnitRecord> keep, UnitOrder order) {
        Comparator<UnitRecord> byKey = switch (order.key()) {
            case ID -> Comparator.comparing(u -> 0);
            case STARTED -> Comparator.comparing(UnitRecord::started);
            case RESULT -> Comparator.comparing(u -> u.result().name());
            case STATION -> Comparator.comparing(UnitRecord::station);
        };
        Comparator<UnitRecord> total = byKey.thenComparingLong(UnitRecord::id);
        return everyUnit.stream().filter(keep).sorted(order.descending() ? total.reversed() : total).toList();
    }
}
