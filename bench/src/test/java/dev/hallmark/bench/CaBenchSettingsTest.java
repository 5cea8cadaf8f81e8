package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaBenchSettingsTest {

    private static final List<IssuerKind> ALL = List.of(IssuerKind.values());

    @Test
    void theChildIsAskedForExactlyTheSameMeasurement() {
        CaBenchSettings settings = new CaBenchSettings(20, List.of(1, 4), 5, List.of(IssuerKind.CMP, IssuerKind.CFSSL),
                true);

        assertThat(settings.toArgs()).containsExactly("--count", "20", "--threads", "1,4", "--warmup", "5",
                "--issuers", "cmp,cfssl", "--json");
        assertThat(settings.maxThreads()).isEqualTo(4);
    }

    @Test
    void refusesWhatMeasuresNothing() {
        assertThatThrownBy(() -> new CaBenchSettings(0, List.of(1), 0, ALL, false)).hasMessageContaining("--count");
        assertThatThrownBy(() -> new CaBenchSettings(1, List.of(0), 0, ALL, false)).hasMessageContaining("--threads");
        assertThatThrownBy(() -> new CaBenchSettings(1, List.of(65), 0, ALL, false)).hasMessageContaining("--threads");
        assertThatThrownBy(() -> new CaBenchSettings(1, List.of(1), -1, ALL, false)).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> new CaBenchSettings(1, List.of(1), 0, List.of(IssuerKind.CMP, IssuerKind.CMP), false))
                .hasMessageContaining("--issuers");
    }
}
