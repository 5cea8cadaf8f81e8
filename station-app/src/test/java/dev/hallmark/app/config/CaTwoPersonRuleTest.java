package dev.hallmark.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The station-wide two-person rule for CA key operations in station.yaml: on unless switched off, never guessed. */
class CaTwoPersonRuleTest {

    @TempDir
    Path dir;

    @Test
    void isOnWithoutAFileAndWithoutTheSetting() throws Exception {
        assertThat(StationConfig.load(dir).ca().twoPersonRuleOn()).isTrue();
        Files.writeString(dir.resolve(StationConfig.FILE), "ca:\n  type: embedded\n");
        assertThat(StationConfig.load(dir).ca().twoPersonRuleOn()).isTrue();
    }

    @Test
    void isOffOnlyWhenSwitchedOffAndTheCaStaysEmbedded() throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), "ca:\n  two_person_rule: false\n");
        StationConfig.CaSection ca = StationConfig.load(dir).ca();
        assertThat(ca.twoPersonRuleOn()).isFalse();
        assertThat(ca.type()).isNull();
        Files.writeString(dir.resolve(StationConfig.FILE), "ca:\n  two_person_rule: true\n");
        assertThat(StationConfig.load(dir).ca().twoPersonRuleOn()).isTrue();
    }

    @Test
    void aValueThatIsNotABooleanIsOneClearLine() throws Exception {
        Files.writeString(dir.resolve(StationConfig.FILE), "ca:\n  two_person_rule: sometimes\n");
        assertThatThrownBy(() -> StationConfig.load(dir)).isInstanceOfSatisfying(ProvisioningException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains(StationConfig.FILE).doesNotContain("\n");
        });
    }
}
