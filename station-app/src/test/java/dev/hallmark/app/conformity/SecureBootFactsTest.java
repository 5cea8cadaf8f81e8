package dev.hallmark.app.conformity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ProductKeys;
import dev.hallmark.engine.conformity.SecureBootFacts;
import dev.hallmark.engine.conformity.StationCapabilities.SecureBootSupport;
import org.junit.jupiter.api.Test;

class SecureBootFactsTest {

    private static final ProductKeys SIGNED = ProductKeys.NONE.withSecureBootDigest(new byte[32]);

    @Test
    void theEsp32c3CanConfirmSecureBootOnlyWithTheProfilesSigningKey() {
        SecureBootSupport signed = SecureBootFacts.forChip("ESP32C3", SIGNED);
        SecureBootSupport unsigned = SecureBootFacts.forChip("ESP32C3", ProductKeys.NONE);

        assertThat(signed.fuseSet() && signed.signedFirmwareEnforced()).isTrue();
        assertThat(signed.evidence()).contains("0000000000000000", "SECURE_BOOT_EN", "confirms");
        assertThat(unsigned.fuseSet() || unsigned.signedFirmwareEnforced()).isFalse();
        assertThat(unsigned.evidence()).contains("names no firmware signing key", "secure_boot_key");
    }

    @Test
    void stm32PartsAreRefusedWithTheReasonEvenWithASigningKey() {
        SecureBootSupport f4 = SecureBootFacts.forChip("STM32F4", SIGNED);

        assertThat(f4.fuseSet() || f4.signedFirmwareEnforced()).isFalse();
        assertThat(f4.evidence()).contains("STM32F4 has no secure-boot fuse");
    }
}
