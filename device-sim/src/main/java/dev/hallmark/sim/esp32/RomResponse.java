package dev.hallmark.sim.esp32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds response packets of the ROM loader: direction 0x01, command, size (2), value (4), data, then the ROM's
 * four status bytes (status, error, 0, 0); size counts data and status bytes.
 */
final class RomResponse {

    static final int STATUS_BYTES = 4;

    private RomResponse() {
    }

    static byte[] ok(int command, long value, byte[] data) {
        return packet(command, value, data, 0, 0);
    }

    static byte[] ok(int command) {
        return ok(command, 0, new byte[0]);
    }

    static byte[] failed(int command, int error) {
        return packet(command, 0, new byte[0], 1, error);
    }

    private static byte[] packet(int command, long value, byte[] data, int status, int error) {
        int size = data.length + STATUS_BYTES;
        ByteBuffer out = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x01).put((byte) command).putShort((short) size).putInt((int) value).put(data);
        out.put((byte) status).put((byte) error).put((byte) 0).put((byte) 0);
        return out.array();
    }
}
