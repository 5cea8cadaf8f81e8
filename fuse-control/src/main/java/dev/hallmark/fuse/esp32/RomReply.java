package dev.hallmark.fuse.esp32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One response of the ESP32-C3 ROM loader: direction 0x01, command, size, value, data, and the ROM's four status
 * bytes (status, error, 0, 0) at the end of the size-counted body.
 *
 * @param command echoed opcode
 * @param value   the 32-bit value field (READ_REG's register value)
 * @param data    the body without the status bytes
 * @param status  0 success, 1 failure
 * @param error   the ROM's error code when status is 1 (0x05 invalid message, 0x06 failed, 0x07 bad checksum ...)
 */
record RomReply(int command, long value, byte[] data, int status, int error) {

    static final int HEADER = 8;
    static final int STATUS_BYTES = 4;

    /** Why a packet is not a reply. */
    static final class MalformedReplyException extends Exception {
        MalformedReplyException(String message) {
            super(message);
        }
    }

    /** Parses a packet; throws nothing but {@link MalformedReplyException}. */
    static RomReply parse(byte[] packet) throws MalformedReplyException {
        if (packet.length < HEADER + STATUS_BYTES) {
            throw new MalformedReplyException("a packet of " + packet.length + " bytes is too short for a reply");
        }
        if ((packet[0] & 0xFF) != 0x01) {
            throw new MalformedReplyException(String.format("direction byte 0x%02X is not a reply", packet[0] & 0xFF));
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        int size = buffer.getShort(2) & 0xFFFF;
        if (size != packet.length - HEADER) {
            throw new MalformedReplyException("size field " + size + " but " + (packet.length - HEADER) + " body bytes");
        }
        int statusAt = packet.length - STATUS_BYTES;
        return new RomReply(packet[1] & 0xFF, buffer.getInt(4) & 0xFFFFFFFFL,
                Arrays.copyOfRange(packet, HEADER, statusAt), packet[statusAt] & 0xFF, packet[statusAt + 1] & 0xFF);
    }

    boolean ok() {
        return status == 0;
    }

    /** The failure as the ROM put it, for logs and raw details. */
    String describe() {
        return String.format("command 0x%02X -> status %d error 0x%02X", command, status, error);
    }
}
