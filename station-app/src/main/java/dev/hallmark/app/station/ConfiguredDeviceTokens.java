package dev.hallmark.app.station;

import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.config.TokenSection;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.device.DeviceTokenConfig;
import dev.hallmark.hsm.device.Pkcs11DeviceTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The device tokens of station.yaml's {@code device_tokens:} section (fixture id → module, token, PIN source),
 * for on-device custody on a real bench: each fixture's device TPM or secure element through its PKCS#11 module.
 */
public final class ConfiguredDeviceTokens {

    private ConfiguredDeviceTokens() {
    }

    /** The configured device tokens, or empty when the section is absent. */
    public static Optional<Pkcs11DeviceTokens> of(StationConfig config) throws ProvisioningException {
        if (config.deviceTokens().isEmpty()) {
            return Optional.empty();
        }
        Map<String, DeviceTokenConfig> byFixture = new LinkedHashMap<>();
        for (Map.Entry<String, TokenSection> entry : config.deviceTokens().entrySet()) {
            String where = "the device token of fixture " + entry.getKey() + " (device_tokens: in station.yaml)";
            TokenSection token = entry.getValue();
            if (token == null || token.pin() == null) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " needs module, token_label or "
                        + "token_serial, and pin (file:PATH, env:VARIABLE or prompt)");
            }
            byFixture.put(entry.getKey(), new DeviceTokenConfig(token.requireModule(where), token.selector(where),
                    token.pinSource(where, null)));
        }
        return Optional.of(new Pkcs11DeviceTokens(byFixture));
    }
}
