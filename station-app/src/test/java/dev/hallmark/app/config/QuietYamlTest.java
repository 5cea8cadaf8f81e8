package dev.hallmark.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A broken station.yaml is described by kind, line and column; nothing of the file's text is repeated. */
class QuietYamlTest {

    private static final String PIN = "Pin-7c1e9a44d2b0";

    @ParameterizedTest
    @ValueSource(strings = {
        "station: s1\nhsm:\n  pin: \"file:/x\n  token_label: " + PIN + "\n\t- oops: [\n",
        "station: s1\nhsm:\n  token_label: a\n" + PIN + "\n  pin: x: y\n",
        "station: [" + PIN + "\n",
        "station: s1\n" + PIN + ": 1\n",
        "station: s1\nfixtures: [" + PIN + "]\n",
        "station: s1\nhsm: " + PIN + "\n"})
    void aBrokenFileIsNeverQuoted(String yaml, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), yaml);

        assertThatThrownBy(() -> StationConfig.load(dir)).isInstanceOf(ProvisioningException.class)
                .satisfies(e -> {
                    ProvisioningException p = (ProvisioningException) e;
                    assertThat(p.oneLine()).contains("cannot be read").doesNotContain(PIN, "7c1e9a44");
                    assertThat(p.getCause()).isNull();
                });
    }

    @Test
    void anUnknownSettingIsNotNamedButTheKnownOnesAre(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), "station: s1\nhsm:\n  pin_fil: x\n");

        assertThatThrownBy(() -> StationConfig.load(dir)).hasMessageContaining("an unknown setting at line")
                .hasMessageContaining("the settings there are library_parameters, module, pin, token_label, token_serial")
                .hasMessageNotContaining("pin_fil");
    }
}
