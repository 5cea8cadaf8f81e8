package dev.hallmark.fuse.esp32;

import com.fazecast.jSerialComm.SerialPort;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.fuse.serial.SerialPorts;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixture's serial port through jSerialComm, 8N1 as the ESP ROM loader wants: opened by path (a pty works),
 * stale bytes flushed, partial writes completed, reads bounded by the caller's wait.
 */
final class EspSerialPort implements RomWire {

    private static final Logger log = LoggerFactory.getLogger(EspSerialPort.class);
    /** A read returns after the first byte, or after this long with none (timeouts are set once: setting them costs a tcsetattr). */
    private static final int POLL_MILLIS = 20;

    private final String path;
    private final SerialPort port;

    private EspSerialPort(String path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    static EspSerialPort open(String path, int baudRate) throws ProvisioningException {
        SerialPort candidate = SerialPorts.open(path, baudRate, SerialPort.NO_PARITY, POLL_MILLIS);
        EspSerialPort opened = new EspSerialPort(path, candidate);
        opened.discardInput();
        log.debug("opened {}", path);
        return opened;
    }

    @Override
    public void write(byte[] bytes) throws ProvisioningException {
        SerialPorts.writeAll(port, path, bytes);
    }

    @Override
    public int read(byte[] buffer, Duration wait) throws ProvisioningException {
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new ProvisioningException(ErrorCode.DEVICE_NOT_RESPONDING,
                    "The serial port " + path + " went away while waiting for the device.",
                    "readBytes returned " + n, null);
        }
        return n;
    }

    @Override
    public void discardInput() {
        port.flushIOBuffers();
        byte[] sink = new byte[512];
        while (port.bytesAvailable() > 0 && port.readBytes(sink, sink.length) > 0) {
            log.trace("discarded stale bytes on {}", path);
        }
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void close() {
        if (port.isOpen()) {
            port.closePort();
            log.debug("closed {}", path);
        }
    }
}
