package dev.hallmark.sim.esp32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One boot of the ESP32-C3 ROM serial loader: reads SLIP frames, answers each request with one response (SYNC
 * with eight), and returns from {@link #serve} when a command reboots the chip. Malformed frames are ignored;
 * requests it cannot carry out are answered with status 1 and the ROM's error code.
 */
final class RomLoader {

    private static final Logger log = LoggerFactory.getLogger(RomLoader.class);
    private static final int MAX_PACKET = 0x4000 + 64;
    private static final int SYNC_REPLIES = 8;
    private static final long SYNC_VALUE = 0x2012_0707L;

    private final Esp32c3Chip chip;
    private final RomPort port;
    private final SlipDecoder decoder = new SlipDecoder(MAX_PACKET);
    private final FlashWriter flashWriter;
    private EspTiming timing;

    RomLoader(Esp32c3Chip chip, RomPort port, EspTiming timing) {
        this.chip = chip;
        this.port = port;
        this.timing = timing;
        this.flashWriter = new FlashWriter(chip.flash(), port);
    }

    /** Serves requests until one reboots the chip. */
    void serve() throws IOException {
        while (true) {
            SlipDecoder.Result result = decoder.accept(port.read());
            if (result instanceof SlipDecoder.Malformed malformed) {
                log.debug("ESP32-C3 ROM: frame dropped: {}", malformed.reason());
            } else if (result instanceof SlipDecoder.Packet packet && handle(packet.bytes())) {
                return;
            }
        }
    }

    /** Handles one packet; true if the chip reboots after the answer. */
    boolean handle(byte[] packet) throws IOException {
        RomRequest request;
        try {
            request = RomRequest.parse(packet);
        } catch (RomRequest.MalformedRequestException e) {
            log.debug("ESP32-C3 ROM: {}", e.getMessage());
            if (e.command() >= 0) {
                send(RomResponse.failed(e.command(), RomCommand.ERR_INVALID_MESSAGE));
            }
            return false;
        }
        return dispatch(request);
    }

    private boolean dispatch(RomRequest r) throws IOException {
        int c = r.command();
        switch (c) {
            case RomCommand.SYNC -> sync(r);
            case RomCommand.READ_REG -> send(r.data().length == 4
                    ? RomResponse.ok(c, chip.readRegister(r.word(0)) & 0xFFFFFFFFL, new byte[0]) : invalid(c));
            case RomCommand.WRITE_REG -> writeRegisters(r);
            case RomCommand.SPI_ATTACH -> send(r.data().length == 8 || r.data().length == 4 ? RomResponse.ok(c) : invalid(c));
            case RomCommand.SPI_SET_PARAMS -> send(r.data().length == 24 ? RomResponse.ok(c) : invalid(c));
            case RomCommand.FLASH_BEGIN -> send(flashWriter.begin(r, timing));
            case RomCommand.FLASH_DATA -> send(flashWriter.data(r, timing));
            case RomCommand.FLASH_END -> {
                return flashEnd(r);
            }
            case RomCommand.MEM_BEGIN, RomCommand.MEM_DATA -> send(memory(r));
            case RomCommand.MEM_END -> {
                log.debug("ESP32-C3 ROM: MEM_END acknowledged; running uploaded code is not simulated");
                send(RomResponse.ok(c));
            }
            case RomCommand.SPI_FLASH_MD5 -> send(md5(r));
            case RomCommand.GET_SECURITY_INFO -> send(RomResponse.ok(c, 0, SecurityInfo.of(chip.efuses())));
            case RomCommand.CHANGE_BAUDRATE -> changeBaud(r);
            default -> send(invalid(c));
        }
        return false;
    }

    private void sync(RomRequest r) throws IOException {
        if (!SyncPayload.valid(r.data())) {
            send(invalid(RomCommand.SYNC));
            return;
        }
        byte[] reply = Slip.encode(RomResponse.ok(RomCommand.SYNC, SYNC_VALUE, new byte[0]));
        byte[] replies = new byte[reply.length * SYNC_REPLIES];
        for (int i = 0; i < SYNC_REPLIES; i++) {
            System.arraycopy(reply, 0, replies, i * reply.length, reply.length);
        }
        port.write(replies);
    }

    private void writeRegisters(RomRequest r) throws IOException {
        if (r.data().length == 0 || r.data().length % 16 != 0) {
            send(invalid(RomCommand.WRITE_REG));
            return;
        }
        for (int i = 0; i < r.words(); i += 4) {
            int burnt = chip.writeRegister(r.word(i), (int) r.word(i + 1), (int) r.word(i + 2));
            port.pause(timing.efuseNanos(burnt) + r.word(i + 3) * 1_000L);
        }
        send(RomResponse.ok(RomCommand.WRITE_REG));
    }

    private boolean flashEnd(RomRequest r) throws IOException {
        if (r.data().length != 4) {
            send(invalid(RomCommand.FLASH_END));
            return false;
        }
        flashWriter.end();
        send(RomResponse.ok(RomCommand.FLASH_END));
        return r.word(0) == 0;
    }

    private byte[] memory(RomRequest r) {
        if (r.data().length < 16) {
            return invalid(r.command());
        }
        if (r.command() == RomCommand.MEM_DATA
                && RomCommand.checksum(r.data(), 16, r.data().length - 16) != (r.checksum() & 0xFF)) {
            return RomResponse.failed(r.command(), RomCommand.ERR_INVALID_CRC);
        }
        return RomResponse.ok(r.command());
    }

    private byte[] md5(RomRequest r) {
        if (r.data().length != 16) {
            return invalid(RomCommand.SPI_FLASH_MD5);
        }
        long offset = r.word(0);
        long length = r.word(1);
        if (!SpiFlash.inRange(offset, length)) {
            return RomResponse.failed(RomCommand.SPI_FLASH_MD5, RomCommand.ERR_FAILED);
        }
        String hex = HexFormat.of().formatHex(chip.flash().md5((int) offset, (int) length));
        return RomResponse.ok(RomCommand.SPI_FLASH_MD5, 0, hex.getBytes(StandardCharsets.US_ASCII));
    }

    private void changeBaud(RomRequest r) throws IOException {
        if (r.data().length != 8 || r.word(0) == 0) {
            send(invalid(RomCommand.CHANGE_BAUDRATE));
            return;
        }
        send(RomResponse.ok(RomCommand.CHANGE_BAUDRATE));
        timing = timing.atBaud((int) r.word(0));
        port.byteNanos(timing.byteNanos());
        log.debug("ESP32-C3 ROM: line now at {} baud", r.word(0));
    }

    private static byte[] invalid(int command) {
        return RomResponse.failed(command, RomCommand.ERR_INVALID_MESSAGE);
    }

    private void send(byte[] packet) throws IOException {
        port.write(Slip.encode(packet));
    }

    /** The 36-byte SYNC payload: 07 07 12 20 and 32 times 0x55. */
    static final class SyncPayload {
        private SyncPayload() {
        }

        static byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[] {0x07, 0x07, 0x12, 0x20});
            while (b.hasRemaining()) {
                b.put((byte) 0x55);
            }
            return b.array();
        }

        static boolean valid(byte[] data) {
            return java.util.Arrays.equals(data, bytes());
        }
    }
}
