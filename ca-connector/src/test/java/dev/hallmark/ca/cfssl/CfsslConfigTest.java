package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a cfssl configuration must say before the issuer opens. */
class CfsslConfigTest {

    static CfsslConfig config(String url, Path key, Path pin, Duration connect, Duration request) {
        return new CfsslConfig(URI.create(url), "device", key, pin, connect, request, Path.of("chain.pem"));
    }

    static ErrorCode refusal(CfsslConfig config) {
        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, config::check);
        return e == null ? null : e.code();
    }

    @Test
    void theEndpointFollowsWhetherAnHmacKeyIsConfigured() {
        Duration s = Duration.ofSeconds(1);
        assertThat(config("http://ca:8888", Path.of("k"), null, s, s).signEndpoint())
                .isEqualTo(URI.create("http://ca:8888/api/v1/cfssl/authsign"));
        assertThat(config("https://ca:8888/", null, null, s, s).signEndpoint())
                .isEqualTo(URI.create("https://ca:8888/api/v1/cfssl/sign"));
        assertThat(config("https://gw.example/cfssl", Path.of("k"), null, s, s).signEndpoint())
                .isEqualTo(URI.create("https://gw.example/cfssl/api/v1/cfssl/authsign"));
    }

    @Test
    void aSensibleConfigurationPasses() {
        assertThat(refusal(config("https://ca:8888", Path.of("k"), Path.of("pin.pem"), Duration.ofSeconds(2),
                Duration.ofSeconds(10)))).isNull();
    }

    @Test
    void aPinWithoutTlsAnUnknownSchemeAndBadTimeoutsAreRefused() {
        Duration s = Duration.ofSeconds(1);
        assertThat(refusal(config("http://ca:8888", null, Path.of("pin.pem"), s, s))).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(refusal(config("ftp://ca:8888", null, null, s, s))).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(refusal(config("ca:8888", null, null, s, s))).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(refusal(config("http://ca:8888?x=1", null, null, s, s))).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(refusal(config("http://ca:8888", null, null, Duration.ZERO, s))).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(refusal(config("http://ca:8888", null, null, Duration.ofSeconds(5), s)))
                .isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void aBlankProfileIsRefused() {
        Duration s = Duration.ofSeconds(1);
        assertThat(refusal(new CfsslConfig(URI.create("http://ca"), " ", null, null, s, s, Path.of("c"))))
                .isEqualTo(ErrorCode.CONFIG_INVALID);
    }
}
