package dev.hallmark.hsm.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import dev.hallmark.hsm.softhsm.SoftHsmFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `hallmark hsm info` on SoftHSM2: what the module, slots and tokens say, with no PIN asked or shown. */
class InspectorIT {

    private static TokenInfo token(ModuleInfo module, String label) {
        return module.slots().stream().flatMap(slot -> slot.token().stream())
                .filter(token -> token.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theModuleItsSlotsAndTokensAreListedWithoutAPin() throws Exception {
        String label = SoftHsmFixture.token("it-info");
        ModuleInfo module = Pkcs11Inspector.inspect(SoftHsmFixture.module());
        assertThat(module.manufacturer()).isEqualTo("SoftHSM");
        assertThat(module.cryptokiVersion()).startsWith("2.");
        assertThat(module.slots()).anySatisfy(slot -> assertThat(slot.token()).isPresent()
                .get().satisfies(token -> assertThat(token.initialized()).isFalse()));

        TokenInfo token = token(module, label);
        assertThat(token.manufacturer()).isEqualTo("SoftHSM project");
        assertThat(token.model()).isEqualTo("SoftHSM v2");
        assertThat(token.serial()).hasSize(16);
        assertThat(token.hardware()).as("SoftHSM2 is a software token").isFalse();
        assertThat(token.initialized()).isTrue();
        assertThat(token.loginRequired()).isTrue();
        assertThat(token.loggedIn()).isFalse();
        assertThat(token.userPin()).isEmpty();
        assertThat(token.supports(CKM_ECDSA)).isTrue();
        assertThat(token.supports(CKM_EC_EDWARDS_KEY_PAIR_GEN)).isTrue();
        assertThat(token.mechanisms()).filteredOn(m -> m.code() == CKM_ECDSA).singleElement()
                .satisfies(m -> {
                    assertThat(m.name()).isEqualTo("CKM_ECDSA");
                    assertThat(m.flags()).contains("sign", "verify").doesNotContain("hw");
                    assertThat(m.maxKeySize()).isGreaterThanOrEqualTo(384);
                    assertThat(m.flagsReliable()).isTrue();
                });
        assertThat(token.mechanisms()).filteredOn(m -> m.name().equals("CKM_AES_CBC_PAD")).singleElement()
                .as("SoftHSM 2.6.1 ORs CKM_AES_CBC_PAD's flags into the caller's struct: read into zeroed memory")
                .satisfies(m -> {
                    assertThat(m.flags()).containsExactly("encrypt", "decrypt");
                    assertThat(m.flagsReliable()).isTrue();
                });

        try (Pkcs11Station station = Pkcs11Station.open(SoftHsmFixture.module(), label, SoftHsmFixture.userPin())) {
            assertThat(token(Pkcs11Inspector.inspect(SoftHsmFixture.module()), label).loggedIn())
                    .as("while this process holds a login").isTrue();
            assertThat(station.tokenInfo().serial()).isEqualTo(token.serial());
        }

        List<String> lines = InfoText.lines(Pkcs11Inspector.inspect(SoftHsmFixture.module()));
        assertThat(lines.get(0)).startsWith("module " + SoftHsmFixture.module() + ": SoftHSM");
        assertThat(lines).anyMatch(line -> line.startsWith("  token '" + label + "' serial " + token.serial()
                + ": SoftHSM project SoftHSM v2, software") && line.contains("login required, not logged in")
                && line.contains("user PIN ok"));
        assertThat(lines).anyMatch(line -> line.startsWith("    CKM_ECDSA keys "));
        assertThat(String.join("\n", lines)).doesNotContain(new String(SoftHsmFixture.userPin()))
                .doesNotContain(new String(SoftHsmFixture.soPin()));
    }

    @Test
    void aMissingModuleIsNamed() {
        Path missing = Path.of("/nonexistent/libpkcs11.so");
        assertThatThrownBy(() -> Pkcs11Inspector.inspect(missing)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_MODULE_MISSING));
    }
}
