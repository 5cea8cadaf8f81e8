package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;

/** The bytes of one fixture's serial line, as the ROM client needs them; a test can put a script behind it. */
interface RomWire extends AutoCloseable {

    void write(byte[] bytes) throws ProvisioningException;

    /** Up to {@code buffer.length} bytes that arrive within about {@code wait} (a port may poll in shorter steps): 0 if none did. */
    int read(byte[] buffer, Duration wait) throws ProvisioningException;

    /** Drops what arrived but was not read. */
    void discardInput() throws ProvisioningException;

    /** Where the wire goes, for messages. */
    String path();

    @Override
    void close();
}
