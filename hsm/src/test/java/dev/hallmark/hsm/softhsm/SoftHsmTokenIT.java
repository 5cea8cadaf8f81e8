package dev.hallmark.hsm.softhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class SoftHsmTokenIT {

    @Test
    void initialiseWritesTheConfigurationAndATokenTheStationOpens() throws Exception {
        Path dataDir = SoftHsmFixture.dataDir();
        assertThat(SoftHsmToken.exists(dataDir, "it-fresh")).isFalse();
        SoftHsmToken.initialize(dataDir, "it-fresh", SoftHsmFixture.soPin(), SoftHsmFixture.userPin());

        assertThat(SoftHsmToken.exists(dataDir, "it-fresh")).isTrue();
        assertThat(Files.readString(dataDir.resolve("softhsm2.conf")))
                .contains("directories.tokendir = " + dataDir.resolve("tokens"));
        try (Pkcs11Station station = Pkcs11Station.open(SoftHsmToken.defaultModule(), "it-fresh",
                SoftHsmFixture.userPin())) {
            assertThat(station.tokenLabel()).isEqualTo("it-fresh");
        }
        assertThatThrownBy(() -> Pkcs11Station.open(SoftHsmToken.defaultModule(), "it-fresh", SoftHsmFixture.soPin()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT));
    }

    @Test
    void secondTokenWithTheSameLabelIsRefused() throws Exception {
        SoftHsmFixture.token("it-twice");
        assertThatThrownBy(() -> SoftHsmToken.initialize(SoftHsmFixture.dataDir(), "it-twice",
                SoftHsmFixture.soPin(), SoftHsmFixture.userPin()))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("'it-twice' already exists");
                });
    }

    @Test
    void aDataDirectoryOtherThanSoftHsm2ConfIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path elsewhere = SoftHsmFixture.dataDir().resolveSibling("hsm-elsewhere");
        assertThatThrownBy(() -> SoftHsmToken.initialize(elsewhere, "it-elsewhere", SoftHsmFixture.soPin(),
                SoftHsmFixture.userPin())).isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("set SOFTHSM2_CONF=" + elsewhere.resolve("softhsm2.conf"));
                });
        assertThat(elsewhere).doesNotExist();
        assertThat(SoftHsmToken.exists(elsewhere, "it-elsewhere")).isFalse();
    }

    @Test
    void aTokenIsInitialisedWhileAStationKeepsTheModuleInitialised() throws Exception {
        SoftHsmFixture.token("it-busy");
        try (Pkcs11Station station = Pkcs11Station.open(SoftHsmToken.defaultModule(), "it-busy",
                SoftHsmFixture.userPin())) {
            KeyHandle key = station.keyStore().generate(KeySpec.EC_P256, "before", KeyPolicy.SESSION_WRAP_ONLY);
            SoftHsmToken.initialize(SoftHsmFixture.dataDir(), "it-while-busy", SoftHsmFixture.soPin(),
                    SoftHsmFixture.userPin());
            assertThat(SoftHsmToken.exists(SoftHsmFixture.dataDir(), "it-while-busy")).isTrue();

            // the module was not finalised under the open station: its session key is still there and signs
            byte[] data = "still here".getBytes(StandardCharsets.UTF_8);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key.publicKey());
            verifier.update(data);
            assertThat(verifier.verify(station.keyStore().sign(key, data))).isTrue();
            try (Pkcs11Station other = Pkcs11Station.open(SoftHsmToken.defaultModule(), "it-while-busy",
                    SoftHsmFixture.userPin())) {
                assertThat(other.keyStore().find("before")).isEmpty();
            }
            assertThat(station.keyStore().find("before")).isPresent();
        }
    }
}
