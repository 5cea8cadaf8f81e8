package dev.hallmark.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.app.station.ConfiguredDeviceTokens;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.PinSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSectionTest {

    private static final PinSource FALLBACK = PinSource.file(Path.of("/nowhere/hsm-pin"));

    @Test
    void pinSettingsNameWhereThePinIsNeverThePin() throws ProvisioningException {
        TokenSection file = new TokenSection(null, "t", null, "file:/etc/hallmark/pin");
        assertThat(file.pinSource("x", FALLBACK).describe()).contains("/etc/hallmark/pin");
        TokenSection env = new TokenSection(null, "t", null, "env:STATION_PIN");
        assertThat(env.pinSource("x", FALLBACK).describe()).contains("STATION_PIN");
        assertThat(new TokenSection(null, "t", null, null).pinSource("x", FALLBACK)).isSameAs(FALLBACK);

        assertThatThrownBy(() -> new TokenSection(null, "t", null, "12345678").pinSource("the station token", FALLBACK))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).startsWith("the station token has a pin setting").doesNotContain("12345678");
                });
    }

    @Test
    void aPromptWithoutAConsoleIsRefusedWithWhatToDoInstead() {
        // surefire's forked JVM has no console
        assertThatThrownBy(() -> new TokenSection(null, "t", null, "prompt").pinSource("fixture F1", FALLBACK))
                .hasMessageContaining("no console").hasMessageContaining("env:VARIABLE");
    }

    @Test
    void exactlyOneOfLabelAndSerialSelectsTheToken() throws ProvisioningException {
        assertThat(new TokenSection(null, "station", null, null).selector("x").describe()).contains("station");
        assertThat(new TokenSection(null, null, "9f1c0a77", null).selector("x").describe()).contains("9f1c0a77");
        assertThatThrownBy(() -> new TokenSection(null, "a", "b", null).selector("the station token"))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new TokenSection(null, null, null, null).selector("the station token"))
                .hasMessageContaining("exactly one");
    }

    @Test
    void stationYamlNamesTheStationTokenAndTheFixturesDeviceTokens(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), """
                hsm:
                  module: /usr/lib/vendor/libhsm.so
                  token_serial: 0451A7
                  pin: env:STATION_PIN
                device_tokens:
                  F1:
                    module: /usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so
                    token_label: device-tpm
                    pin: file:/etc/hallmark/f1-pin
                """);
        StationConfig config = StationConfig.load(dir);
        assertThat(config.hsm().module()).isEqualTo(Path.of("/usr/lib/vendor/libhsm.so"));
        assertThat(config.hsm().tokenSerial()).isEqualTo("0451A7");
        assertThat(config.deviceTokens()).containsOnlyKeys("F1");
        assertThat(ConfiguredDeviceTokens.of(config)).isPresent();
        assertThat(ConfiguredDeviceTokens.of(StationConfig.load(dir.resolve("none")))).isEmpty();
    }

    @Test
    void aDeviceTokenWithoutPinSettingIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), """
                device_tokens:
                  F2: {module: /usr/lib/libse.so, token_label: se}
                """);
        assertThatThrownBy(() -> ConfiguredDeviceTokens.of(StationConfig.load(dir)))
                .hasMessageStartingWith("the device token of fixture F2").hasMessageContaining("pin");
    }
}
