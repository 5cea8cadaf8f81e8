package dev.hallmark.db.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitQueryTest {

    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void builderKeepsEveryCriterionAndToBuilderCopiesThem() {
        UnitQuery q = UnitQuery.builder().serial("HM000001").uid("0033002A3131510C00000001").lot("L1")
                .startedBetween(T, T.plusSeconds(60)).result(UnitResult.FAILED).failedStep(Step.VERIFY)
                .station("ST-01").operator("alice").afterId(7).limit(25).build();

        assertThat(q.serial()).isEqualTo("HM000001");
        assertThat(q.uid()).isEqualTo("0033002a3131510c00000001");
        assertThat(q.lot()).isEqualTo("L1");
        assertThat(q.startedFrom()).isEqualTo(T);
        assertThat(q.startedBefore()).isEqualTo(T.plusSeconds(60));
        assertThat(q.result()).isEqualTo(UnitResult.FAILED);
        assertThat(q.failedStep()).isEqualTo(Step.VERIFY);
        assertThat(q.station()).isEqualTo("ST-01");
        assertThat(q.operator()).isEqualTo("alice");
        assertThat(q.afterId()).isEqualTo(7);
        assertThat(q.limit()).isEqualTo(25);
        assertThat(q.toBuilder().build()).isEqualTo(q).hasSameHashCodeAs(q);
        assertThat(q.toBuilder().station(null).build()).isNotEqualTo(q);
        assertThat(UnitQuery.all().limit()).isEqualTo(UnitQuery.DEFAULT_LIMIT);
    }

    @Test
    void refusesWhatCannotBeAsked() {
        assertThatThrownBy(() -> UnitQuery.builder().limit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitQuery.builder().limit(UnitQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitQuery.builder().afterId(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitQuery.builder().uid("not hex")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitQuery.builder().startedBetween(T, T).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextPageStartsAfterTheLastIdOfAFullPageAndEndsAfterAShortOne() {
        UnitQuery q = UnitQuery.builder().lot("L1").limit(2).build();

        assertThat(q.nextPage(units(4, 9))).contains(q.toBuilder().afterId(9).build());
        assertThat(q.nextPage(units(4))).isEmpty();
        assertThat(q.nextPage(List.of())).isEmpty();
    }

    private static List<UnitRecord> units(long... ids) {
        List<UnitRecord> out = new ArrayList<>();
        for (long id : ids) {
            out.add(new UnitRecord(id, "L1", null, null, null, UnitResult.IN_PROGRESS, null, null, null, null, null,
                    "ST-01", "F1", T, null));
        }
        return out;
    }
}
