package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * station.yaml's {@code hsm:} section as an operator writes it: the station token named by its serial (slot ids
 * are not stable) and its PIN taken from an environment variable instead of the default PIN file.
 */
class StationTokenConfigIT {

    @Test
    void theTokenIsFoundBySerialWithThePinFromTheEnvironmentAndBadSettingsAreOneLine() throws Exception {
        Path dataDir = HallmarkProcess.freshDir("token-config");
        HallmarkProcess.Result first = HallmarkProcess.run(dataDir, "demo", "--count", "1", "--headless",
                "--data-dir", dataDir.toString());
        assertThat(first.exit()).as(first.toString()).isZero();

        HallmarkProcess.Result info = HallmarkProcess.run(dataDir, "hsm", "info", "--data-dir", dataDir.toString());
        Matcher serial = Pattern.compile("token 'hallmark' serial (\\w+)").matcher(info.out());
        assertThat(serial.find()).as(info.toString()).isTrue();

        Path pinFile = dataDir.resolve("secrets/hsm-pin");
        String pin = Files.readString(pinFile, StandardCharsets.UTF_8).strip();
        Files.delete(pinFile);
        Files.writeString(dataDir.resolve("station.yaml"), "hsm:\n  token_serial: " + serial.group(1)
                + "\n  pin: env:HALLMARK_IT_STATION_PIN\n");

        HallmarkProcess.Result second = HallmarkProcess.run(dataDir, Map.of("HALLMARK_IT_STATION_PIN", pin),
                "demo", "--count", "1", "--headless", "--data-dir", dataDir.toString());
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.lines()).filteredOn(l -> l.startsWith("PASS ")).hasSize(1);
        assertThat(second.out()).doesNotContain("created SoftHSM2 token").doesNotContain(pin);
        assertThat(pinFile).as("the embedded default is not recreated").doesNotExist();

        HallmarkProcess.Result wrongPin = HallmarkProcess.run(dataDir, Map.of("HALLMARK_IT_STATION_PIN", "00000000"),
                "demo", "--count", "1", "--headless", "--data-dir", dataDir.toString());
        assertThat(wrongPin.exit()).isEqualTo(2);
        assertThat(wrongPin.err().strip()).startsWith("hallmark: HM-202").doesNotContain("\n");

        Files.writeString(dataDir.resolve("station.yaml"), "hsm:\n  token_label: hallmark\n  pin: " + pin + "\n");
        HallmarkProcess.Result literal = HallmarkProcess.run(dataDir, "demo", "--count", "1", "--headless",
                "--data-dir", dataDir.toString());
        assertThat(literal.exit()).isEqualTo(2);
        assertThat(literal.err().strip()).startsWith("hallmark: HM-100").contains("none of file:PATH, env:VARIABLE or prompt")
                .doesNotContain(pin).doesNotContain("\n");
    }
}
