package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request/response over the ROM loader's SLIP frames: sends one request and waits, up to a deadline from the
 * injected clock, for the reply to the same command. Replies to other commands (the seven extra SYNC answers) and
 * boot text are skipped; malformed frames are remembered for the error if nothing valid comes.
 */
final class RomClient {

    static final int SYNC = 0x08;
    private static final Logger log = LoggerFactory.getLogger(RomClient.class);
    private static final int MAX_PACKET = 0x4000 + 64;
    private static final int CHECKSUM_SEED = 0xEF;
    private static final Duration POLL = Duration.ofMillis(50);

    private final RomWire wire;
    private final Clock clock;
    private final SlipFrames.Decoder decoder = new SlipFrames.Decoder(MAX_PACKET);
    private final byte[] chunk = new byte[512];
    private int chunkPosition;
    private int chunkLimit;

    RomClient(RomWire wire, Clock clock) {
        this.wire = wire;
        this.clock = clock;
    }

    /** The request packet: direction 0x00, command, size, checksum, data (little-endian). */
    static byte[] request(int command, byte[] data, int checksum) {
        ByteBuffer packet = ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        packet.put((byte) 0).put((byte) command).putShort((short) data.length).putInt(checksum).put(data);
        return packet.array();
    }

    /** 0xEF XOR every byte, the checksum of FLASH_DATA and MEM_DATA. */
    static int checksum(byte[] data, int offset, int length) {
        int sum = CHECKSUM_SEED;
        for (int i = offset; i < offset + length; i++) {
            sum ^= data[i] & 0xFF;
        }
        return sum;
    }

    /** Sends a request and returns the reply with status 0, else throws DEVICE_NACK with the ROM's error code. */
    RomReply call(String name, int command, byte[] data, int checksum, Duration timeout) throws ProvisioningException {
        RomReply reply = exchange(name, command, data, checksum, timeout);
        if (!reply.ok()) {
            throw new ProvisioningException(ErrorCode.DEVICE_NACK, "The ESP32-C3 on " + wire.path() + " refused "
                    + name + ".", reply.describe(), null);
        }
        return reply;
    }

    /** Sends a request and returns its reply whatever its status. */
    RomReply exchange(String name, int command, byte[] data, int checksum, Duration timeout)
            throws ProvisioningException {
        wire.write(SlipFrames.encode(request(command, data, checksum)));
        return awaitReply(name, command, timeout);
    }

    /**
     * Waits for the reply to {@code command}; never longer than {@code timeout} plus one poll.
     *
     * @throws ProvisioningException DEVICE_NOT_RESPONDING if nothing came, DEVICE_PROTOCOL_ERROR if only garbage did
     */
    RomReply awaitReply(String name, int command, Duration timeout) throws ProvisioningException {
        long deadline = clock.millis() + timeout.toMillis();
        String lastProblem = null;
        while (true) {
            int b = nextByte(deadline);
            if (b < 0) {
                break;
            }
            SlipFrames.Event event = decoder.feed(b);
            if (event instanceof SlipFrames.Dropped dropped) {
                lastProblem = dropped.reason();
            } else if (event instanceof SlipFrames.Packet packet) {
                try {
                    RomReply reply = RomReply.parse(packet.bytes());
                    if (reply.command() == command) {
                        return reply;
                    }
                    log.trace("{}: skipped a reply to command 0x{}", wire.path(), Integer.toHexString(reply.command()));
                } catch (RomReply.MalformedReplyException e) {
                    lastProblem = e.getMessage();
                }
            }
        }
        if (lastProblem != null) {
            throw new ProvisioningException(ErrorCode.DEVICE_PROTOCOL_ERROR, "The ESP32-C3 on " + wire.path()
                    + " answered " + name + " out of protocol.", lastProblem, null);
        }
        throw new ProvisioningException(ErrorCode.DEVICE_NOT_RESPONDING, "The ESP32-C3 on " + wire.path()
                + " did not answer " + name + ".", "no reply within " + timeout.toMillis() + " ms", null);
    }

    private int nextByte(long deadline) throws ProvisioningException {
        while (chunkPosition == chunkLimit) {
            long left = deadline - clock.millis();
            if (left <= 0) {
                return -1;
            }
            chunkPosition = 0;
            chunkLimit = wire.read(chunk, Duration.ofMillis(Math.min(left, POLL.toMillis())));
        }
        return chunk[chunkPosition++] & 0xFF;
    }

    /** Drops every byte received and any partial frame. */
    void discardInput() throws ProvisioningException {
        chunkPosition = 0;
        chunkLimit = 0;
        decoder.clear();
        wire.discardInput();
    }

    /** Counts bytes that arrive within {@code wait} (boot text after a reset), keeping none. */
    int drain(Duration wait) throws ProvisioningException {
        return drainText(wait).length();
    }

    /** Reads whatever arrives until {@code wait} passes with nothing more (the boot text), as ISO-8859-1 text. */
    String drainText(Duration wait) throws ProvisioningException {
        long deadline = clock.millis() + wait.toMillis();
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = nextByte(deadline)) >= 0) {
            text.append((char) (b & 0xFF));
        }
        decoder.clear();
        return text.toString();
    }

    String path() {
        return wire.path();
    }
}
