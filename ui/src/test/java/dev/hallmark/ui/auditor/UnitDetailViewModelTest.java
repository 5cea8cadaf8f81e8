package dev.hallmark.ui.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitDetailViewModelTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant REWORKED = Instant.parse("2026-03-02T09:30:00Z");

    private static UnitRecord unit(Instant reworkedAt, boolean revoked) {
        return new UnitRecord(7, "L1", "HM-000007", "0011AA", "STM32F4", UnitResult.PASS, null, null, null, null,
                "ab12", "ST-01", "F1", STARTED, STARTED.plusSeconds(9), reworkedAt, revoked);
    }

    @Test
    void aReworkedUnitOpensWithWhenWhoApprovedAndTheRevocation() {
        UnitDetail detail = new UnitDetail(unit(REWORKED, true), List.of(), null, List.of(), null,
                "by alice, approved by bob; port /dev/pts/3; lock before: RDP1 after: RDP0");

        UnitDetailViewModel vm = new UnitDetailViewModel(detail);

        assertThat(vm.summary().get(0))
                .isEqualTo("REWORKED at 2026-03-02T09:30:00Z by alice (approved by bob); certificate revoked");
        assertThat(vm.summary().get(1)).contains("Result: PASS (reworked)");
        assertThat(vm.text()).startsWith("UNIT\nREWORKED at 2026-03-02T09:30:00Z");
    }

    @Test
    void aReworkWithoutApproverNamesTheOperatorOnly() {
        UnitDetail detail = new UnitDetail(unit(REWORKED, true), List.of(), null, List.of(), null,
                "by alice; port /dev/pts/3");

        assertThat(new UnitDetailViewModel(detail).summary().get(0))
                .isEqualTo("REWORKED at 2026-03-02T09:30:00Z by alice; certificate revoked");
    }

    @Test
    void aUnitNeverReworkedShowsItsSealedResultAlone() {
        UnitDetailViewModel vm = new UnitDetailViewModel(new UnitDetail(unit(null, false), List.of(), null, List.of()));

        assertThat(vm.summary().get(0)).startsWith("Serial: HM-000007").endsWith("Result: PASS");
        assertThat(vm.text()).doesNotContain("REWORKED").doesNotContain("revoked");
    }

    @Test
    void theTablesResultCellMarksAReworkedUnit() {
        assertThat(unit(REWORKED, true).resultLabel()).isEqualTo("PASS (reworked)");
        assertThat(unit(null, false).resultLabel()).isEqualTo("PASS");
    }
}
