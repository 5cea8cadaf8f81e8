package dev.hallmark.fuse.stm32;

import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;

/** The byte stream to one bootloader, as {@link Stm32Commands} uses it; {@link SerialTransport} on a real port. */
interface BootloaderWire {

    /** The port path, as the operator named it. */
    String path();

    void write(byte[] bytes) throws ProvisioningException;

    /** The next byte (0..255), or -1 if none arrives within the timeout. */
    int read(Duration timeout) throws ProvisioningException;

    /** Exactly {@code count} bytes, or null if they do not all arrive within the timeout. */
    byte[] readExactly(int count, Duration timeout) throws ProvisioningException;

    /** Drops bytes that arrived but were not asked for. */
    void discardInput();

    /** Closes and opens the port again, for a device that reset (a USB bridge may have re-enumerated). */
    void reopen() throws ProvisioningException;
}
