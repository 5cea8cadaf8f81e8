package dev.hallmark.ca.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeafValidityTest {

    private static final Instant ISSUED = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aDurationEndsThatLongAfterIssue() {
        LeafValidity validity = LeafValidity.of(Duration.ofDays(30));

        assertThat(validity.hasWellDefinedExpiry()).isTrue();
        assertThat(validity.duration()).contains(Duration.ofDays(30));
        assertThat(validity.notAfter(ISSUED)).isEqualTo(Instant.parse("2026-04-01T08:00:00Z"));
    }

    @Test
    void noWellDefinedExpiryEndsAtTheLastSecondOf9999() {
        LeafValidity validity = LeafValidity.noWellDefinedExpiry();

        assertThat(validity.hasWellDefinedExpiry()).isFalse();
        assertThat(validity.duration()).isEmpty();
        assertThat(validity.notAfter(ISSUED)).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"))
                .isEqualTo(LeafValidity.NO_WELL_DEFINED_EXPIRY);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void aDurationMustBePositive(long seconds) {
        assertThatThrownBy(() -> LeafValidity.of(Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    @Test
    void aDurationReachingPast9999IsRefusedRatherThanCut() {
        LeafValidity validity = LeafValidity.of(Duration.ofDays(3_000_000));

        assertThatThrownBy(() -> validity.notAfter(ISSUED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reaches past 9999-12-31T23:59:59Z");
    }

    @Test
    void theTextFormReadsBack() {
        for (LeafValidity validity : new LeafValidity[] {LeafValidity.of(Duration.ofDays(1825)),
                LeafValidity.of(Duration.ofSeconds(90)), LeafValidity.noWellDefinedExpiry()}) {
            assertThat(LeafValidity.parse(validity.toString())).isEqualTo(validity);
        }
        assertThat(LeafValidity.parse("P1825D")).isEqualTo(LeafValidity.of(Duration.ofDays(1825)));
        assertThat(LeafValidity.parse(" no-well-defined-expiry ")).isEqualTo(LeafValidity.noWellDefinedExpiry());
        assertThat(LeafValidity.noWellDefinedExpiry()).hasToString("no-well-defined-expiry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5 years", "P5Y", "PT0S", "-P1D", "never"})
    void textThatIsNoPositiveDurationIsRefused(String text) {
        assertThatThrownBy(() -> LeafValidity.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalValiditiesAreEqual() {
        assertThat(LeafValidity.of(Duration.ofDays(1))).isEqualTo(LeafValidity.of(Duration.ofHours(24)))
                .hasSameHashCodeAs(LeafValidity.of(Duration.ofHours(24)))
                .isNotEqualTo(LeafValidity.of(Duration.ofDays(2)))
                .isNotEqualTo(LeafValidity.noWellDefinedExpiry());
    }
}
