package dev.hallmark.fuse.stm32;

import static dev.hallmark.fuse.stm32.Stm32Protocol.ACK;
import static dev.hallmark.fuse.stm32.Stm32Protocol.NACK;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AN3155 exchanges, one method per command: frames out, ACK/NACK and data in. A NACK of the command byte
 * itself is reported to the caller (it is how readout protection shows); any later NACK, silence or unexpected
 * byte becomes a {@link ProvisioningException} naming the port.
 */
final class Stm32Commands {

    private static final Logger log = LoggerFactory.getLogger(Stm32Commands.class);

    /** What GET reports: bootloader version and the command bytes it implements. */
    record BootloaderInfo(int version, byte[] commands) {
        boolean supports(int command) {
            for (byte c : commands) {
                if ((c & 0xFF) == command) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int FLUSH_BYTES = 1100;

    private final BootloaderWire transport;
    private final Stm32LinkOptions options;

    Stm32Commands(BootloaderWire transport, Stm32LinkOptions options) {
        this.transport = transport;
        this.options = options;
    }

    /**
     * Sends 0x7F until the bootloader answers. ACK: synced now. NACK: it was synced already and took a 0x7F as
     * a command byte (AN3155), which also proves it listens.
     *
     * @return the answer, ACK or NACK
     */
    int sync() throws ProvisioningException {
        int unexpected = -1;
        for (int attempt = 1; attempt <= options.syncAttempts(); attempt++) {
            transport.discardInput();
            transport.write(new byte[] {(byte) Stm32Protocol.SYNC});
            int reply = transport.read(options.syncTimeout());
            if (reply == ACK || reply == NACK) {
                log.debug("{}: sync attempt {} -> {}", transport.path(), attempt, Stm32Protocol.describe(reply));
                return reply;
            }
            if (reply >= 0) {
                unexpected = reply;
            }
        }
        if (unexpected >= 0) {
            throw error(ErrorCode.DEVICE_PROTOCOL_ERROR, "The device on " + transport.path()
                    + " answered the bootloader sync with a byte that is neither ACK nor NACK.",
                    "SYNC 0x7F -> " + Stm32Protocol.describe(unexpected));
        }
        throw error(ErrorCode.DEVICE_NOT_RESPONDING, "The device on " + transport.path()
                + " did not answer the bootloader sync after " + options.syncAttempts() + " attempts.",
                "SYNC 0x7F -> no answer");
    }

    /**
     * The sync after a reset: one 0x7F per short poll until ACK or NACK, within the time {@link #sync()} would
     * allow. Bytes sent while the bootloader boots are lost, not delayed, so a short poll finds it as soon as it
     * listens.
     */
    int syncAfterReset(Duration poll) throws ProvisioningException {
        long polls = Math.max(1, options.syncTimeout().multipliedBy(options.syncAttempts()).toNanos() / poll.toNanos());
        for (long i = 0; i < polls; i++) {
            transport.discardInput();
            transport.write(new byte[] {(byte) Stm32Protocol.SYNC});
            int reply = transport.read(poll);
            if (reply == ACK || reply == NACK) {
                return reply;
            }
        }
        throw error(ErrorCode.DEVICE_NOT_RESPONDING, "The device on " + transport.path()
                + " did not answer the bootloader sync after its reset.", "SYNC 0x7F after reset -> no answer");
    }

    /** One 0x7F and its answer: ACK, NACK, another byte, or -1 if none came within the sync timeout. */
    int syncOnce() throws ProvisioningException {
        transport.discardInput();
        transport.write(new byte[] {(byte) Stm32Protocol.SYNC});
        return transport.read(options.syncTimeout());
    }

    /** Sends command byte + complement; true on ACK, false on NACK. */
    boolean command(int command) throws ProvisioningException {
        transport.write(Stm32Protocol.command(command));
        return awaitAck(command, "command", options.readTimeout()) == ACK;
    }

    BootloaderInfo get() throws ProvisioningException {
        requireCommand(Stm32Protocol.GET);
        byte[] body = variableLengthBody(Stm32Protocol.GET);
        requireAck(Stm32Protocol.GET, "end", options.readTimeout());
        return new BootloaderInfo(body[0] & 0xFF, Arrays.copyOfRange(body, 1, body.length));
    }

    /** GET_VERSION: the bootloader version (the two option bytes after it are 0 on most parts). */
    int getVersion() throws ProvisioningException {
        requireCommand(Stm32Protocol.GET_VERSION);
        byte[] body = transport.readExactly(3, options.readTimeout());
        if (body == null) {
            throw silent(Stm32Protocol.GET_VERSION);
        }
        requireAck(Stm32Protocol.GET_VERSION, "end", options.readTimeout());
        return body[0] & 0xFF;
    }

    int getId() throws ProvisioningException {
        requireCommand(Stm32Protocol.GET_ID);
        byte[] body = variableLengthBody(Stm32Protocol.GET_ID);
        requireAck(Stm32Protocol.GET_ID, "end", options.readTimeout());
        if (body.length < 2) {
            throw error(ErrorCode.DEVICE_PROTOCOL_ERROR, "The device on " + transport.path()
                    + " sent a product id of " + body.length + " byte.", "GET_ID -> " + body.length + " byte");
        }
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** READ_MEMORY of 1..256 bytes; empty if the command byte was NACKed (readout protection active). */
    Optional<byte[]> readMemory(long address, int length) throws ProvisioningException {
        if (!command(Stm32Protocol.READ_MEMORY)) {
            return Optional.empty();
        }
        transport.write(Stm32Protocol.address(address));
        requireAck(Stm32Protocol.READ_MEMORY, "address " + Stm32Protocol.hex32(address), options.readTimeout());
        transport.write(Stm32Protocol.readLength(length));
        requireAck(Stm32Protocol.READ_MEMORY, "length " + length, options.readTimeout());
        byte[] data = transport.readExactly(length, options.readTimeout());
        if (data == null) {
            throw silent(Stm32Protocol.READ_MEMORY);
        }
        return Optional.of(data);
    }

    /** WRITE_MEMORY of 1..256 bytes (whole words for flash). */
    void writeMemory(long address, byte[] data) throws ProvisioningException {
        requireCommand(Stm32Protocol.WRITE_MEMORY);
        transport.write(Stm32Protocol.address(address));
        requireAck(Stm32Protocol.WRITE_MEMORY, "address " + Stm32Protocol.hex32(address), options.readTimeout());
        transport.write(Stm32Protocol.writeFrame(data));
        requireAck(Stm32Protocol.WRITE_MEMORY, "data at " + Stm32Protocol.hex32(address), options.readTimeout());
    }

    /**
     * Whether memory commands are open, without writing anything: WRITE_MEMORY's command byte, and on ACK an address
     * frame with a wrong checksum, which the bootloader NACKs (AN3155) so the command ends there. An RDP-1 device
     * NACKs the command byte itself; an ACK shows memory commands open (RDP 0).
     *
     * @return the answer to the command byte, ACK or NACK
     */
    int writeGate(long address) throws ProvisioningException {
        transport.write(Stm32Protocol.command(Stm32Protocol.WRITE_MEMORY));
        int reply = awaitAck(Stm32Protocol.WRITE_MEMORY, "command", options.readTimeout());
        if (reply == ACK) {
            byte[] frame = Stm32Protocol.address(address);
            frame[4] = (byte) ~frame[4];
            transport.write(frame);
            awaitAck(Stm32Protocol.WRITE_MEMORY, "address with a wrong checksum", options.readTimeout());
        }
        return reply;
    }

    /**
     * WRITE_MEMORY to the option-byte area: the bootloader programs them (erase-time patience for the last ACK)
     * and then resets the device.
     */
    void writeOptionBytes(long address, byte[] image) throws ProvisioningException {
        requireCommand(Stm32Protocol.WRITE_MEMORY);
        transport.write(Stm32Protocol.address(address));
        requireAck(Stm32Protocol.WRITE_MEMORY, "address " + Stm32Protocol.hex32(address), options.readTimeout());
        transport.write(Stm32Protocol.writeFrame(image));
        requireAck(Stm32Protocol.WRITE_MEMORY, "option bytes at " + Stm32Protocol.hex32(address),
                options.eraseTimeout());
    }

    /** WRITE_PROTECT of the sectors (pages on F1); the device resets after the second ACK. */
    boolean writeProtect(int... sectors) throws ProvisioningException {
        if (!command(Stm32Protocol.WRITE_PROTECT)) {
            return false;
        }
        transport.write(Stm32Protocol.eraseFrame(sectors));
        requireAck(Stm32Protocol.WRITE_PROTECT, "sectors " + Arrays.toString(sectors), options.eraseTimeout());
        return true;
    }

    /** WRITE_UNPROTECT, READOUT_PROTECT or READOUT_UNPROTECT: ACK, the change, ACK; the device then resets. */
    boolean optionCommand(int command) throws ProvisioningException {
        if (!command(command)) {
            return false;
        }
        requireAck(command, "option bytes", options.eraseTimeout());
        return true;
    }

    /**
     * Fills whatever frame the bootloader may be in the middle of with 0xFF bytes (the longest: EXTENDED_ERASE of
     * an L4's 512 pages, 1027 bytes; WRITE_MEMORY takes 258), so it ends that frame with a NACK and waits for a
     * command again. 0xFF is safe everywhere: as a
     * command it fails its complement, as an address or length its checksum, and as flash data it programs
     * nothing. Then drops what came back.
     */
    void flushFrame() throws ProvisioningException {
        byte[] filler = new byte[FLUSH_BYTES];
        Arrays.fill(filler, (byte) 0xFF);
        transport.write(filler);
        while (transport.read(options.syncTimeout()) >= 0) {
            transport.discardInput();
        }
    }

    /** EXTENDED_ERASE of the sectors, or ERASE of the pages on bootloaders without it. */
    void erase(BootloaderInfo info, int... sectors) throws ProvisioningException {
        boolean extended = info.supports(Stm32Protocol.EXTENDED_ERASE);
        int command = extended ? Stm32Protocol.EXTENDED_ERASE : Stm32Protocol.ERASE;
        requireCommand(command);
        transport.write(extended ? Stm32Protocol.extendedEraseFrame(sectors) : Stm32Protocol.eraseFrame(sectors));
        requireAck(command, "sectors " + Arrays.toString(sectors), options.eraseTimeout());
    }

    /**
     * READOUT_PROTECT: ACK, option bytes programmed, ACK, then the device resets.
     *
     * @return false if the command byte was NACKed (as when protection is already active)
     */
    boolean readoutProtect() throws ProvisioningException {
        return optionCommand(Stm32Protocol.READOUT_PROTECT);
    }

    private byte[] variableLengthBody(int command) throws ProvisioningException {
        int n = transport.read(options.readTimeout());
        if (n < 0) {
            throw silent(command);
        }
        byte[] body = transport.readExactly(n + 1, options.readTimeout());
        if (body == null) {
            throw silent(command);
        }
        return body;
    }

    private void requireCommand(int command) throws ProvisioningException {
        if (!command(command)) {
            throw nack(command, "command");
        }
    }

    private void requireAck(int command, String stage, Duration timeout) throws ProvisioningException {
        if (awaitAck(command, stage, timeout) != ACK) {
            throw nack(command, stage);
        }
    }

    private int awaitAck(int command, String stage, Duration timeout) throws ProvisioningException {
        int reply = transport.read(timeout);
        if (reply == ACK || reply == NACK) {
            return reply;
        }
        if (reply < 0) {
            throw silent(command);
        }
        throw error(ErrorCode.DEVICE_PROTOCOL_ERROR, "The device on " + transport.path() + " answered "
                + Stm32Protocol.name(command) + " out of protocol.",
                Stm32Protocol.name(command) + " " + stage + " -> " + Stm32Protocol.describe(reply));
    }

    private ProvisioningException nack(int command, String stage) {
        return error(ErrorCode.DEVICE_NACK, "The device on " + transport.path() + " refused "
                + Stm32Protocol.name(command) + ".", Stm32Protocol.name(command) + " " + stage + " -> NACK 0x1F");
    }

    private ProvisioningException silent(int command) {
        return error(ErrorCode.DEVICE_NOT_RESPONDING, "The device on " + transport.path() + " stopped answering "
                + Stm32Protocol.name(command) + ".", Stm32Protocol.name(command) + " -> no answer");
    }

    private static ProvisioningException error(ErrorCode code, String message, String raw) {
        return new ProvisioningException(code, message, raw, null);
    }
}
