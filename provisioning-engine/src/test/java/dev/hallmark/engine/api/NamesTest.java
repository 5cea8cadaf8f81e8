package dev.hallmark.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"LOT\u001b[2J", "LOT\nPASS unit=HM-F4-000001", "LOT\r", "LOT\u0000X", "LOT\u007f",
        "LOT\u0085", "LOT\u202eX", "LOT 42", "", "-LOT", ".hidden", "Lötz"})
    void namesOutsideTheSetAreRefusedWithoutBeingQuoted(String name) {
        assertThatThrownBy(() -> Names.lot(name)).isInstanceOf(ProvisioningException.class)
                .satisfies(e -> assertThat(((ProvisioningException) e).code()).isEqualTo(ErrorCode.LOT_NAME_INVALID))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("LOT", "\u001b", "\n", "\r", "\u0000"));
    }

    @Test
    void aNameOfAHundredThousandCharactersIsRefusedByItsLength() {
        assertThatThrownBy(() -> Names.lot("L".repeat(100_000)))
                .hasMessageContaining("100000 characters, more than 64").hasMessageNotContaining("disk");
        assertThat(Names.valid("L".repeat(64))).isTrue();
        assertThat(Names.valid("L".repeat(65))).isFalse();
    }

    @Test
    void theErrorNamesTheFirstBadCharacterByPositionAndCodePoint() {
        assertThatThrownBy(() -> Names.lot("AB\u001bC")).hasMessageContaining("control character U+001B at position 3");
    }

    @Test
    void ordinaryNamesPass() throws ProvisioningException {
        for (String ok : List.of("DEMO", "PO-4711", "LOT-2026-0042", "a.b_c/d", "L1")) {
            assertThat(Names.lot(ok)).isEqualTo(ok);
        }
        assertThat(Names.label("  BOARD-1 ")).isEqualTo("BOARD-1");
    }

    @Test
    void aLotPlanRefusesABadNameBeforeAnythingIsOpened() {
        assertThatThrownBy(() -> LotPlan.of("L\nPASS", "p", 1, SerialScheme.pattern("HM-{counter:06}")))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> new LotPlan("L\u001b", "p", 1, SerialScheme.pattern("HM-{counter:06}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HM-610");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HM {counter:06}", "HM-\u001b{counter}", "{counter:06}\n", "-{counter:04}",
        "HMXX-{counter:62}", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX{counter:20}"})
    void aPatternThatCannotProduceValidSerialsIsRefusedAtLotOpen(String pattern) {
        assertThatThrownBy(() -> SerialScheme.pattern(pattern)).isInstanceOf(ProvisioningException.class)
                .satisfies(e -> assertThat(((ProvisioningException) e).code())
                        .isEqualTo(ErrorCode.LOT_SERIAL_PATTERN_INVALID))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\n"));
    }

    @Test
    void goodPatternsStillOpen() throws ProvisioningException {
        assertThat(SerialScheme.pattern("HM-F4-{counter:06}").format(7)).isEqualTo("HM-F4-000007");
        assertThat(SerialScheme.pattern("{counter}").format(7)).isEqualTo("7");
        assertThat(SerialScheme.pattern("SN/{counter:08}.A").format(1)).isEqualTo("SN/00000001.A");
    }
}
