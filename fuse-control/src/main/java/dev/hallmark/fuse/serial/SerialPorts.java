package dev.hallmark.fuse.serial;

import com.fazecast.jSerialComm.SerialPort;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening a fixture's serial port by path (a pty path works too) with 8 data bits, one stop bit, no flow control,
 * semi-blocking reads and blocking writes; and writing all of a frame, completing partial writes.
 */
public final class SerialPorts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SerialPorts.class);
    private static final String APP_ID_PROPERTY = "fazecast.jSerialComm.appid";
    private static final int WRITE_TIMEOUT_MILLIS = 2_000;

    private SerialPorts() {
    }

    /**
     * The port opened, or DEVICE_PORT_NOT_FOUND naming the path.
     *
     * @param parity     a jSerialComm parity constant, e.g. {@link SerialPort#NO_PARITY}
     * @param pollMillis how long a read waits for its first byte
     */
    public static SerialPort open(String path, int baudRate, int parity, int pollMillis) throws ProvisioningException {
        if (!Files.exists(Path.of(path))) {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                    "The serial port " + path + " does not exist.", "no such file: " + path, null);
        }
        PortAccess.requireAccess(Path.of(path));
        if (System.getProperty(APP_ID_PROPERTY) == null) {
            System.setProperty(APP_ID_PROPERTY, "hallmark-" + ProcessHandle.current().pid());
        }
        SerialPort candidate = SerialPort.getCommPort(path);
        candidate.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, parity);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                pollMillis, WRITE_TIMEOUT_MILLIS);
        if (!candidate.openPort()) {
            if (candidate.getLastErrorCode() == PortAccess.EACCES) {
                throw PortAccess.denied(Path.of(path));
            }
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND,
                    "The serial port " + path + " could not be opened.",
                    "jSerialComm error " + candidate.getLastErrorCode() + " at " + candidate.getLastErrorLocation(),
                    null);
        }
        return candidate;
    }

    /**
     * Runs a fixture's bootloader entry sequence on the opened port's DTR/RTS; on a pseudo-terminal (no modem lines)
     * the setters fail and the sequence is skipped, which is logged, not an error: simulated boards need no reset.
     */
    public static ResetSequence.Outcome enterBootloader(SerialPort port, String path, ResetSequence sequence)
            throws ProvisioningException {
        try {
            ResetSequence.Outcome outcome = sequence.enter(lines(port));
            if (outcome == ResetSequence.Outcome.LINES_UNAVAILABLE) {
                LOG.warn("{} has no DTR/RTS lines (a pseudo-terminal?): reset sequence '{}' skipped", path, sequence);
            }
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "interrupted during the reset sequence on " + path);
        }
    }

    /** The modem lines of a jSerialComm port. */
    public static ControlLines lines(SerialPort port) {
        return new ControlLines() {
            @Override
            public boolean dtr(boolean asserted) {
                return asserted ? port.setDTR() : port.clearDTR();
            }

            @Override
            public boolean rts(boolean asserted) {
                return asserted ? port.setRTS() : port.clearRTS();
            }

            @Override
            public void pause(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };
    }

    /** Writes every byte, or DEVICE_NOT_RESPONDING when the port stops taking data. */
    public static void writeAll(SerialPort port, String path, byte[] bytes) throws ProvisioningException {
        int offset = 0;
        while (offset < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - offset, offset);
            if (n <= 0) {
                throw new ProvisioningException(ErrorCode.DEVICE_NOT_RESPONDING,
                        "The serial port " + path + " stopped taking data.", "writeBytes returned " + n, null);
            }
            offset += n;
        }
    }
}
