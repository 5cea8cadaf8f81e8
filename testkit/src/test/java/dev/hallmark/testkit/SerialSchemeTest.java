package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SerialScheme;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SerialSchemeTest {

    @Test
    void aPatternPadsItsCounterAndNamesItsCounterByTheTextAroundIt() throws ProvisioningException {
        SerialScheme padded = SerialScheme.pattern("HM-F4-{counter:06}");
        SerialScheme bare = SerialScheme.pattern("X{counter}-B");

        assertThat(padded.format(42)).isEqualTo("HM-F4-000042");
        assertThat(padded.counterKey()).isEqualTo("HM-F4-");
        assertThat(bare.format(1234567)).isEqualTo("X1234567-B");
        assertThat(bare.counterKey()).isEqualTo("X{}-B");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HM-F4-", "A{counter}{counter}", "A{count}", "A{counter:x}", "{counter}-{lot}"})
    void aPatternWithoutExactlyOneCounterIsRefused(String pattern) {
        assertThatThrownBy(() -> SerialScheme.pattern(pattern)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOT_SERIAL_PATTERN_INVALID));
    }

    @Test
    void aManifestMustNameAtLeastTheQuota() {
        assertThatThrownBy(() -> new LotPlan("L", "p", 3, SerialScheme.manifest(List.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportsYieldIsPassOverSealedAndRemainingNeverNegative() {
        LotReport report = new LotReport("L", "p", 10, 7, 3, 1, null);

        assertThat(report.yield()).isEqualTo(0.7);
        assertThat(report.remaining()).isEqualTo(2);
        assertThat(new LotReport("L", "p", 5, 5, 0, 1, null).remaining()).isZero();
        assertThat(new LotReport("L", "p", 5, 5, 0, 0, null).complete()).isTrue();
    }
}
