package dev.hallmark.sim;

import java.io.IOException;

/**
 * The device's side of the serial wire, as the bootloader sees it. Decorators add wire time ({@link TimedLine})
 * and are the place for fault injection (drop, corrupt, delay, disconnect) without touching the protocol.
 */
interface SerialLine {

    /** Blocks for the next byte (0..255); throws {@link LineClosedException} when the device is switched off. */
    int read() throws IOException;

    /** Sends bytes to the host. */
    void write(byte[] bytes) throws IOException;

    /** Drops bytes received but not read yet, as after a reset. */
    void discardInput() throws IOException;
}
