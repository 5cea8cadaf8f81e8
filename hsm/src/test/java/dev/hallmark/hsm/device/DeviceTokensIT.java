package dev.hallmark.hsm.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On-device custody through Pkcs11DeviceTokens, with a SoftHSM2 token standing in for a secure element. */
class DeviceTokensIT {

    private static final Fixture F1 = new Fixture("F1", "/dev/pts/91");
    private static final byte[] DATA = "device CSR".getBytes(StandardCharsets.UTF_8);

    private static Pkcs11DeviceTokens tokens() throws ProvisioningException {
        String label = SoftHsmFixture.token("it-device-se");
        return new Pkcs11DeviceTokens(Map.of("F1", new DeviceTokenConfig(SoftHsmFixture.module(),
                TokenSelector.byLabel(label), PinSource.memory(SoftHsmFixture.userPin()))));
    }

    @Test
    void aFixturesTokenKeepsItsKeyAndCertificateAcrossUnits() throws Exception {
        Pkcs11DeviceTokens tokens = tokens();
        KeyHandle key;
        try (DeviceTokens.DeviceToken token = tokens.open(F1)) {
            assertThat(token.description()).isEqualTo("SoftHSM project SoftHSM v2 token 'it-device-se' (software, "
                    + "serial " + serialOf(token) + ", firmware 2.6)");
            key = token.keys().generate(KeySpec.EC_P256, "dev-f1", KeyPolicy.TOKEN_NON_EXTRACTABLE);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key.publicKey());
            verifier.update(DATA);
            assertThat(verifier.verify(token.keys().sign(key, DATA))).isTrue();
            assertThatThrownBy(() -> token.keys().generate(KeySpec.EC_P256, "dev-f1-session",
                    KeyPolicy.SESSION_WRAP_ONLY)).isInstanceOfSatisfying(ProvisioningException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                        assertThat(e.getMessage()).contains("on-device custody generates token keys");
                    });
        }
        try (DeviceTokens.DeviceToken token = tokens.open(F1)) {
            KeyHandle found = token.keys().find("dev-f1").orElseThrow();
            assertThat(found.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
            assertThat(found.policy()).isEqualTo(KeyPolicy.TOKEN_NON_EXTRACTABLE);
            token.keys().destroy(found);
            assertThat(token.keys().find("dev-f1")).isEmpty();
        }
    }

    @Test
    void aFixtureWithoutADeviceTokenIsAConfigurationError() throws Exception {
        assertThatThrownBy(() -> tokens().open(new Fixture("F9", "/dev/pts/99")))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).isEqualTo("No device token is configured for fixture F9 (configured: [F1]).");
                });
    }

    @Test
    void aWrongPinOrAMissingTokenLeavesNothingOpen() throws Exception {
        String label = SoftHsmFixture.token("it-device-se");
        Pkcs11DeviceTokens wrongPin = new Pkcs11DeviceTokens(Map.of("F1", new DeviceTokenConfig(
                SoftHsmFixture.module(), TokenSelector.byLabel(label), PinSource.memory("wrong-pin".toCharArray()))));
        assertThatThrownBy(() -> wrongPin.open(F1)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT));
        Pkcs11DeviceTokens absent = new Pkcs11DeviceTokens(Map.of("F1", new DeviceTokenConfig(
                SoftHsmFixture.module(), TokenSelector.bySerial("no-such-serial"), PinSource.memory("x".toCharArray()))));
        assertThatThrownBy(() -> absent.open(F1)).isInstanceOfSatisfying(ProvisioningException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.HSM_TOKEN_NOT_FOUND);
            assertThat(e.getMessage()).contains("with serial 'no-such-serial'");
        });
        try (DeviceTokens.DeviceToken token = tokens().open(F1)) {
            assertThat(token.keys().find("nothing-here")).isEmpty();
        }
    }

    private static String serialOf(DeviceTokens.DeviceToken token) {
        String description = token.description();
        int start = description.indexOf("serial ") + "serial ".length();
        return description.substring(start, description.indexOf(',', start));
    }
}
