package dev.hallmark.app.lot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.app.config.StationConfig;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void serialsComeInOrderWithHeaderCommentsAndBlankLinesSkipped() throws ProvisioningException {
        assertThat(Manifest.parse("m", List.of("serial", "# first batch", "B-2", "", "A-1,", "C/3")))
                .containsExactly("B-2", "A-1", "C/3");
    }

    @Test
    void everyBadRowIsNamedWithItsLineNumber() {
        assertThatThrownBy(() -> Manifest.parse("units.csv", List.of("serial", "ok-1", "-bad", "ok-1", "a,b")))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOT_MANIFEST_INVALID);
                    assertThat(e.getMessage()).contains("3 bad rows", "line 3: '-bad'", "line 4: serial ok-1 repeats line 2",
                            "line 5: one column");
                });
        assertThatThrownBy(() -> Manifest.parse("empty.csv", List.of("serial", "")))
                .hasMessageContaining("names no serial");
    }

    @Test
    void profilesAndFixturesAreReadFromStationYaml() throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), """
                station: st-9
                profiles:
                  tracker:
                    chip_family: stm32f4
                    organization: Org
                    key: ec-p384
                    lock: permanent
                    serial_prefix: TR-
                    validity_days: 0
                fixtures:
                  F1: /dev/ttyUSB0
                """);
        StationConfig config = StationConfig.load(dir);

        ProductProfile tracker = ProductProfiles.byName(config, "tracker");

        assertThat(tracker.chipFamily()).isEqualTo("STM32F4");
        assertThat(tracker.keySpec()).isEqualTo(KeySpec.EC_P384);
        assertThat(tracker.custody()).isEqualTo(KeyCustody.INJECTED);
        assertThat(tracker.lockLevel()).isEqualTo(LockLevel.PERMANENT);
        assertThat(tracker.noWellDefinedExpiry()).isTrue();
        assertThat(config.fixtures()).containsEntry("F1", "/dev/ttyUSB0");
        assertThat(ProductProfiles.byName(config, "demo-stm32f4").serialPrefix()).isEqualTo("HM-F4-");
        assertThatThrownBy(() -> ProductProfiles.byName(config, "nope"))
                .hasMessageContaining("known: demo-stm32f4, tracker");
    }

    @Test
    void aProfileWithAWrongValueNamesTheField() throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), """
                profiles:
                  bad:
                    chip_family: STM32F4
                    organization: Org
                    lock: welded
                """);

        assertThatThrownBy(() -> ProductProfiles.byName(StationConfig.load(dir), "bad"))
                .hasMessageContaining("profile 'bad'", "lock 'welded'", "readout_protected");
    }
}
