package dev.hallmark.fuse.stm32;

import com.fazecast.jSerialComm.SerialPort;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.fuse.serial.ResetSequence;
import dev.hallmark.fuse.serial.SerialPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixture's serial port through jSerialComm: opened by path (a pty path works too), stale bytes flushed,
 * partial writes completed, reads bounded by a deadline from the injected clock.
 */
final class SerialTransport implements BootloaderWire, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SerialTransport.class);
    private static final int POLL_MILLIS = 50;

    private final String path;
    private final Stm32LinkOptions options;
    private final Clock clock;
    private SerialPort port;

    private SerialTransport(String path, Stm32LinkOptions options, Clock clock) {
        this.path = path;
        this.options = options;
        this.clock = clock;
    }

    static SerialTransport open(String path, Stm32LinkOptions options, Clock clock) throws ProvisioningException {
        return open(path, options, clock, ResetSequence.none());
    }

    /** Opens the port and runs the fixture's bootloader entry sequence on its DTR/RTS (skipped on a pty). */
    static SerialTransport open(String path, Stm32LinkOptions options, Clock clock, ResetSequence reset)
            throws ProvisioningException {
        SerialTransport transport = new SerialTransport(path, options, clock);
        transport.connect();
        if (reset != ResetSequence.none()) {
            SerialPorts.enterBootloader(transport.port, path, reset);
            transport.discardInput();
        }
        return transport;
    }

    private void connect() throws ProvisioningException {
        boolean evenParity = options.evenParity() && !pseudoTerminal(path);
        SerialPort candidate = SerialPorts.open(path, options.baudRate(),
                evenParity ? SerialPort.EVEN_PARITY : SerialPort.NO_PARITY, POLL_MILLIS);
        port = candidate;
        discardInput();
        log.debug("opened {}", path);
    }

    /**
     * Whether the path leads to a pseudo-terminal. A pty drops PARENB, and jSerialComm 2.11.2 then fails the
     * next open of the same pty with EINVAL; parity means nothing there, so a pty is opened 8N1.
     */
    static boolean pseudoTerminal(String path) {
        try {
            return Path.of(path).toRealPath().startsWith("/dev/pts/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The port path, as the operator named it. */
    @Override
    public String path() {
        return path;
    }

    /** Closes and opens the port again, for a device that reset (a USB bridge may have re-enumerated). */
    @Override
    public void reopen() throws ProvisioningException {
        close();
        connect();
    }

    @Override
    public void write(byte[] bytes) throws ProvisioningException {
        SerialPorts.writeAll(port, path, bytes);
    }

    /** The next byte (0..255), or -1 if none arrives within the timeout. */
    @Override
    public int read(Duration timeout) throws ProvisioningException {
        byte[] one = new byte[1];
        return read(one, 0, 1, timeout) == 1 ? one[0] & 0xFF : -1;
    }

    /** Exactly {@code count} bytes, or null if they do not all arrive within the timeout. */
    @Override
    public byte[] readExactly(int count, Duration timeout) throws ProvisioningException {
        byte[] bytes = new byte[count];
        return read(bytes, 0, count, timeout) == count ? bytes : null;
    }

    private int read(byte[] buffer, int offset, int count, Duration timeout) throws ProvisioningException {
        long deadline = clock.millis() + timeout.toMillis();
        int got = 0;
        while (got < count) {
            int n = port.readBytes(buffer, count - got, offset + got);
            if (n < 0) {
                throw new ProvisioningException(ErrorCode.DEVICE_NOT_RESPONDING,
                        "The serial port " + path + " went away while waiting for the device.",
                        "readBytes returned " + n, null);
            }
            got += n;
            if (got < count && clock.millis() >= deadline) {
                break;
            }
        }
        return got;
    }

    /** Drops bytes that arrived but were not asked for. */
    @Override
    public void discardInput() {
        port.flushIOBuffers();
        byte[] sink = new byte[256];
        while (port.bytesAvailable() > 0 && port.readBytes(sink, sink.length) > 0) {
            log.trace("discarded stale bytes on {}", path);
        }
    }

    @Override
    public void close() {
        if (port != null && port.isOpen()) {
            port.closePort();
            log.debug("closed {}", path);
        }
        port = null;
    }
}
