package dev.hallmark.sim.esp32;

import java.io.IOException;

/** The chip's UART0 as the ROM sees it; implementations add wire time and let the device be switched off. */
interface RomPort {

    /** Blocks for the next received byte (0..255); throws {@link PortClosedException} once the chip is off. */
    int read() throws IOException;

    /** Sends bytes to the host, taking their wire time. */
    void write(byte[] bytes) throws IOException;

    /** Drops bytes received but not read, as while the ROM boots. */
    void discardInput() throws IOException;

    /** Lets simulated time pass (erase, program, boot). */
    void pause(long nanos) throws IOException;

    /** Changes the wire time per byte (CHANGE_BAUDRATE). */
    void byteNanos(long nanos);

    /** The chip was switched off, reset from outside or replaced while it served the line. */
    final class PortClosedException extends IOException {
        PortClosedException(String message) {
            super(message);
        }
    }
}
