package dev.hallmark.app.config;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.fuse.swd.ProbeSettings;
import java.time.Duration;

/**
 * A fixture's debug probe in station.yaml ({@code debug_probes: {F1: {adapter: interface/stlink.cfg, target:
 * target/stm32f4x.cfg}}}), the second witness of the lock (docs/threat-model.md). Off unless a fixture has one.
 *
 * @param openocd  the OpenOCD executable (default {@code openocd})
 * @param adapter  OpenOCD's interface script
 * @param target   OpenOCD's target script
 * @param serial   the adapter serial where several probes are attached
 * @param address  the flash address to read, hex (default 0x08000000)
 * @param timeoutSeconds how long OpenOCD may take (default 20)
 */
public record ProbeSection(String openocd, String adapter, String target, String serial, String address,
                           Integer timeoutSeconds) {

    /** The witness's settings; CONFIG_INVALID (naming the fixture, never quoting a value) where they are wrong. */
    public ProbeSettings settings(String fixture) throws ProvisioningException {
        String where = "debug_probes." + fixture + " in station.yaml";
        if (adapter == null || target == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " needs adapter and target (OpenOCD "
                    + "scripts, e.g. interface/stlink.cfg and target/stm32f4x.cfg)");
        }
        try {
            long at = address == null ? ProbeSettings.STM32_FLASH : Long.decode(address.strip());
            Duration timeout = Duration.ofSeconds(timeoutSeconds == null ? 20 : timeoutSeconds);
            return new ProbeSettings(openocd, adapter, target, serial, at, timeout);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " has a setting that is not valid "
                    + "(paths of A-Z a-z 0-9 . _ / + -, a hex address, whole seconds)");
        }
    }
}
