package dev.hallmark.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The build's provenance: resolved from the filtered resource, "unknown" where a build left it unresolved. */
class SoftwareBuildTest {

    @Test
    void theCurrentBuildHasTheProjectVersion() {
        assertThat(SoftwareBuild.current().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(SoftwareBuild.current().line()).startsWith("hallmark " + SoftwareBuild.current().version() + " build ");
    }

    @Test
    void anUnresolvedOrMissingBuildIdIsUnknown() {
        assertThat(SoftwareBuild.resolved("${git.commit.id.describe}")).isEqualTo(SoftwareBuild.UNKNOWN);
        assertThat(SoftwareBuild.resolved(null)).isEqualTo(SoftwareBuild.UNKNOWN);
        assertThat(SoftwareBuild.resolved(" ")).isEqualTo(SoftwareBuild.UNKNOWN);
        assertThat(SoftwareBuild.resolved("23127f0f00b5-dirty")).isEqualTo("23127f0f00b5-dirty");
    }

    @Test
    void aBuildIdWithSeparatorsIsRefused() {
        assertThatThrownBy(() -> new SoftwareBuild("0.1.0", "abc; software 9"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
