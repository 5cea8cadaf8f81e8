package dev.hallmark.hsm.device;

import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the device token of one fixture.
 *
 * @param module the PKCS#11 library, e.g. /usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so
 * @param token  the token by label or serial
 * @param pin    where its user PIN comes from; asked at every open, never stored by the station
 */
public record DeviceTokenConfig(Path module, TokenSelector token, PinSource pin) {

    public DeviceTokenConfig {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pin, "pin");
    }
}
