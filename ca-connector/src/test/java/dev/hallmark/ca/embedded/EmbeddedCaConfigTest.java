package dev.hallmark.ca.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedCaConfigTest {

    @Test
    void byDefaultEveryProfileKeepsItsOwnValidityAndCrlsLastAWeek() throws Exception {
        EmbeddedCaConfig config = EmbeddedCaConfig.defaults();

        assertThat(config.leafValidity(CaFixture.profile(Duration.ofDays(12))))
                .isEqualTo(LeafValidity.of(Duration.ofDays(12)));
        assertThat(config.crlValidity()).isEqualTo(Duration.ofDays(7));
        assertThat(config.profilesWithoutWellDefinedExpiry()).isEmpty();
    }

    @Test
    void aNamedProfileGetsTheConfiguredValidityAndOthersKeepTheirs() throws Exception {
        EmbeddedCaConfig config = EmbeddedCaConfig.defaults()
                .withLeafValidity("f4-sensor", LeafValidity.noWellDefinedExpiry())
                .withLeafValidity("f4-gateway", LeafValidity.of(Duration.ofDays(90)));

        assertThat(config.leafValidity(CaFixture.profile("f4-sensor", Duration.ofDays(12))))
                .isEqualTo(LeafValidity.noWellDefinedExpiry());
        assertThat(config.leafValidity(CaFixture.profile("f4-gateway", Duration.ofDays(12))))
                .isEqualTo(LeafValidity.of(Duration.ofDays(90)));
        assertThat(config.leafValidity(CaFixture.profile("f4-other", Duration.ofDays(12))))
                .isEqualTo(LeafValidity.of(Duration.ofDays(12)));
        assertThat(config.profilesWithoutWellDefinedExpiry()).containsExactly("f4-sensor");
    }

    @Test
    void aProfileValidityThatIsNotPositiveIsARejectedRequest() {
        EmbeddedCaConfig config = EmbeddedCaConfig.defaults();

        assertThatThrownBy(() -> config.leafValidity(CaFixture.profile(Duration.ZERO)))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED))
                .hasMessageContaining("must be positive");
    }

    @Test
    void theCrlValidityMustBePositive() {
        assertThatThrownBy(() -> EmbeddedCaConfig.defaults().withCrlValidity(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EmbeddedCaConfig.defaults().withCrlValidity(Duration.ofHours(36)).crlValidity())
                .isEqualTo(Duration.ofHours(36));
    }

    @Test
    void theConfigurationDoesNotChangeWithTheMapItWasMadeFrom() throws Exception {
        Map<String, LeafValidity> map = new HashMap<>(Map.of("f4-sensor", LeafValidity.of(Duration.ofDays(1))));
        EmbeddedCaConfig config = new EmbeddedCaConfig(map, Duration.ofDays(1));

        map.put("f4-sensor", LeafValidity.noWellDefinedExpiry());

        assertThat(config.leafValidity(CaFixture.PROFILE)).isEqualTo(LeafValidity.of(Duration.ofDays(1)));
    }
}
