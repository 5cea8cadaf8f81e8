package dev.hallmark.hsm.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InfoTextTest {

    private static TokenInfo tpm(Set<PinState> userPin) {
        return new TokenInfo(1, "device-tpm", "0000000000000000", "IBM", "SW   TPM", "1.64", "25.35", true, true,
                true, false, userPin, Set.of(), 0, List.of(new MechanismInfo(0x1041, "CKM_ECDSA", 192, 638,
                        List.of("hw", "sign", "verify"))));
    }

    @Test
    void linesNameModuleSlotTokenPinStateAndMechanisms() {
        ModuleInfo module = new ModuleInfo(Path.of("/usr/lib/x/libtpm2_pkcs11.so"), "tpm2-software.github.io",
                "TPM2.0 Cryptoki", "1.9", "2.40", List.of(
                        new SlotInfo(1, "device-tpm", "IBM", true, false,
                                Optional.of(tpm(EnumSet.of(PinState.COUNT_LOW, PinState.FINAL_TRY)))),
                        new SlotInfo(2, "", "IBM", true, true, Optional.empty())));
        assertThat(InfoText.lines(module)).containsExactly(
                "module /usr/lib/x/libtpm2_pkcs11.so: tpm2-software.github.io, TPM2.0 Cryptoki 1.9, PKCS#11 2.40",
                "slot 1: device-tpm (hardware slot)",
                "  token 'device-tpm' serial 0000000000000000: IBM SW TPM, hardware, hw 1.64 fw 25.35, login required,"
                        + " not logged in, user PIN count-low+final-try, SO PIN ok, 0 sessions",
                "    CKM_ECDSA keys 192-638: hw sign verify",
                "slot 2: (hardware slot, removable, no token)");
    }

    @Test
    void descriptionIsOneLineForTheAuditRecord() {
        assertThat(tpm(Set.of()).description())
                .isEqualTo("IBM SW TPM token 'device-tpm' (hardware, serial 0000000000000000, firmware 25.35)");
        assertThat(tpm(Set.of()).supports(0x1041)).isTrue();
        assertThat(tpm(Set.of()).mechanisms().get(0).hardware()).isTrue();
    }
}
