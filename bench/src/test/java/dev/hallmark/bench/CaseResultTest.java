package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseResultTest {

    private static final long MS = 1_000_000L;

    @Test
    void percentilesAreNearestRankOverTheIssuesThatSucceeded() {
        long[] latencies = new long[100];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = (100 - i) * MS;
        }
        CaseResult result = CaseResult.of(IssuerKind.CFSSL, 2, 100, latencies, Map.of(), 2_000 * MS);

        assertThat(result.p50Millis()).isEqualTo(50.0);
        assertThat(result.p99Millis()).isEqualTo(99.0);
        assertThat(result.certsPerSecond()).isEqualTo(50.0);
    }

    @Test
    void theLineIsKeyValueForScriptsWithFailuresOnlyWhenThereAreAny() {
        CaseResult clean = CaseResult.of(IssuerKind.EMBEDDED, 1, 3, new long[] {2 * MS, 3 * MS, 4 * MS}, Map.of(),
                30 * MS);
        CaseResult partial = CaseResult.of(IssuerKind.CMP, 4, 3, new long[] {5 * MS}, Map.of("HM-401", 2), 10 * MS);

        assertThat(clean.line()).isEqualTo("issuer=embedded threads=1 certs_per_s=100.0 p50_ms=3.00 p99_ms=4.00");
        assertThat(partial.line()).isEqualTo("issuer=cmp threads=4 certs_per_s=100.0 p50_ms=5.00 p99_ms=5.00 failed=2");
    }

    @Test
    void jsonCarriesCountsAndRoundedFiguresAndNullWhereNothingWasIssued() {
        CaseResult none = CaseResult.of(IssuerKind.CMP, 1, 2, new long[0], Map.of("HM-402", 2), 7 * MS);

        assertThat(none.json()).containsEntry("issuer", "cmp").containsEntry("count", 2).containsEntry("issued", 0)
                .containsEntry("failed", 2).containsEntry("failures", Map.of("HM-402", 2))
                .containsEntry("certs_per_s", 0.0).containsEntry("p50_ms", null).containsEntry("elapsed_s", 0.007);
        assertThat(none.line()).contains("p50_ms=NaN").endsWith("failed=2");
    }
}
