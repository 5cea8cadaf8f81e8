package dev.hallmark.app.station;

import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import java.time.Duration;

/** The product profiles of the demo: an STM32F4 board (injected key, or a TPM beside it) and an ESP32-C3 module. */
public final class DemoProfile {

    public static final ProductProfile STM32F4 = new ProductProfile("demo-stm32f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.READOUT_PROTECTED, "HM-F4-", "Hallmark Demo", Duration.ofDays(3650));

    /** An ESP32-C3 module: injected EC P-256 key in the flash key slot, eFuses burnt (permanent lock). */
    public static final ProductProfile ESP32C3 = new ProductProfile("demo-esp32c3", "ESP32C3", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.PERMANENT, "HM-C3-", "Hallmark Demo", Duration.ofDays(3650));

    /** The same board with a TPM 2.0 beside it: the key is born in the device's TPM (on-device custody). */
    public static final ProductProfile STM32F4_TPM = new ProductProfile("demo-stm32f4-tpm", "STM32F4", KeySpec.EC_P256,
            KeyCustody.ON_DEVICE, LockLevel.READOUT_PROTECTED, "HM-F4T-", "Hallmark Demo", Duration.ofDays(3650));

    /** The STM32F4 board locked for good (RDP level 2): what the station window's {@code --lock permanent} runs. */
    public static final ProductProfile STM32F4_PERMANENT = new ProductProfile("demo-stm32f4-permanent", "STM32F4",
            KeySpec.EC_P256, KeyCustody.INJECTED, LockLevel.PERMANENT, "HM-F4P-", "Hallmark Demo", Duration.ofDays(3650));

    /** The ESP32-C3 module with a TPM 2.0 beside it: the key is born in the device's TPM (on-device custody). */
    public static final ProductProfile ESP32C3_TPM = new ProductProfile("demo-esp32c3-tpm", "ESP32C3", KeySpec.EC_P256,
            KeyCustody.ON_DEVICE, LockLevel.PERMANENT, "HM-C3T-", "Hallmark Demo", Duration.ofDays(3650));

    /** The demo's profile for a target ({@code stm32f4} or {@code esp32c3}) and custody. */
    public static ProductProfile of(String target, boolean onDevice) {
        return "esp32c3".equals(target) ? (onDevice ? ESP32C3_TPM : ESP32C3) : (onDevice ? STM32F4_TPM : STM32F4);
    }

    private DemoProfile() {
    }
}
