package dev.hallmark.fuse.swd;

import java.time.Duration;
import java.util.Objects;

/**
 * One fixture's debug probe, as station.yaml names it ({@code debug_probes:}): how OpenOCD reaches the target.
 *
 * @param openocd   the OpenOCD executable (default {@code openocd}, Debian package openocd)
 * @param adapter   the interface script, e.g. {@code interface/stlink.cfg}
 * @param target    the target script, e.g. {@code target/stm32f4x.cfg}
 * @param serial    the adapter's serial number where several probes are attached, or null
 * @param address   the flash address the witness tries to read (STM32: 0x08000000)
 * @param timeout   how long OpenOCD may take before the witness counts as not had
 */
public record ProbeSettings(String openocd, String adapter, String target, String serial, long address,
                            Duration timeout) {

    /** STM32 flash starts here on F1, F4 and L4. */
    public static final long STM32_FLASH = 0x0800_0000L;

    public ProbeSettings {
        openocd = openocd == null || openocd.isBlank() ? "openocd" : openocd;
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(target, "target");
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        for (String part : new String[] {openocd, adapter, target, serial == null ? "" : serial}) {
            if (!part.matches("[A-Za-z0-9._/+-]*")) {
                throw new IllegalArgumentException("a debug probe setting holds a character outside A-Z a-z 0-9 . _ / + -");
            }
        }
    }
}
