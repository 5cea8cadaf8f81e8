package dev.hallmark.sim.esp32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One request packet of the ROM loader, little-endian: direction 0x00, command, size (2), checksum (4), data.
 *
 * @param command  opcode (see {@link RomCommand})
 * @param checksum the checksum field (meaningful for the data commands only)
 * @param data     the payload, exactly {@code size} bytes
 */
record RomRequest(int command, int checksum, byte[] data) {

    static final int HEADER = 8;

    /** A packet that is not a request, and why; the ROM ignores it or answers "invalid message". */
    static final class MalformedRequestException extends Exception {
        private final int command;

        MalformedRequestException(String message, int command) {
            super(message);
            this.command = command;
        }

        /** The opcode if the header was readable enough to answer, else -1. */
        int command() {
            return command;
        }
    }

    /** Parses an unescaped packet; never throws anything but {@link MalformedRequestException}. */
    static RomRequest parse(byte[] packet) throws MalformedRequestException {
        if (packet.length < HEADER) {
            throw new MalformedRequestException("a request of " + packet.length + " bytes is shorter than its header", -1);
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        int direction = packet[0] & 0xFF;
        if (direction != 0x00) {
            throw new MalformedRequestException(String.format("direction byte 0x%02X is not a request", direction), -1);
        }
        int command = packet[1] & 0xFF;
        int size = buffer.getShort(2) & 0xFFFF;
        if (size != packet.length - HEADER) {
            throw new MalformedRequestException("size field " + size + " but " + (packet.length - HEADER)
                    + " data bytes", command);
        }
        byte[] data = new byte[size];
        System.arraycopy(packet, HEADER, data, 0, size);
        return new RomRequest(command, buffer.getInt(4), data);
    }

    /** The little-endian 32-bit word at word index {@code index} of the data. */
    long word(int index) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(index * 4) & 0xFFFFFFFFL;
    }

    /** Number of whole 32-bit words in the data. */
    int words() {
        return data.length / 4;
    }
}
