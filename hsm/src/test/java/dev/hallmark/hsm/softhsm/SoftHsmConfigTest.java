package dev.hallmark.hsm.softhsm;

import dev.hallmark.hsm.pkcs11.TokenInitializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftHsmConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void writesTheConfigurationAndTheTokenDirectory() throws Exception {
        SoftHsmConfig.write(dataDir);
        Path conf = dataDir.resolve("softhsm2.conf");
        assertThat(Files.readAllLines(conf)).contains(
                "directories.tokendir = " + dataDir.toAbsolutePath().resolve("tokens"),
                "objectstore.backend = file",
                "log.level = ERROR");
        assertThat(dataDir.resolve("tokens")).isDirectory();
        SoftHsmConfig.write(dataDir);   // idempotent
        assertThat(Files.readString(conf)).isEqualTo(SoftHsmConfig.content(dataDir));
    }

    @Test
    void environmentMustNameThisDataDirectorysConfiguration() throws Exception {
        Path expected = dataDir.resolve("softhsm2.conf");
        SoftHsmConfig.requireEnvironment(dataDir, Map.of("SOFTHSM2_CONF", expected.toString())::get);
        SoftHsmConfig.requireEnvironment(dataDir,
                Map.of("SOFTHSM2_CONF", dataDir.resolve("x/../softhsm2.conf").toString())::get);
    }

    @Test
    void missingOrForeignEnvironmentIsAConfigurationErrorSayingWhatToSet() {
        Path expected = dataDir.toAbsolutePath().resolve("softhsm2.conf");
        assertThatThrownBy(() -> SoftHsmConfig.requireEnvironment(dataDir, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("not set")
                            .contains("set SOFTHSM2_CONF=" + expected + " before starting the JVM")
                            .contains("./hallmark launcher");
                });
        assertThatThrownBy(() -> SoftHsmConfig.requireEnvironment(dataDir,
                Map.of("SOFTHSM2_CONF", "/etc/softhsm/softhsm2.conf")::get))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.getMessage()).contains("which is /etc/softhsm/softhsm2.conf"));
    }

    @Test
    void labelsArePaddedToThirtyTwoBytes() {
        assertThat(new String(TokenInitializer.paddedLabel("station"))).isEqualTo(String.format("%-32s", "station"));
        assertThat(TokenInitializer.paddedLabel("Prüfplatz")).hasSize(31);   // 'ü' takes two bytes
        assertThatThrownBy(() -> TokenInitializer.paddedLabel("x".repeat(33))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenInitializer.paddedLabel(" padded")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenInitializer.paddedLabel("")).isInstanceOf(IllegalArgumentException.class);
    }
}
