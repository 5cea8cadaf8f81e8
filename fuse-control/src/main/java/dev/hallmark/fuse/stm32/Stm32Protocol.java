package dev.hallmark.fuse.stm32;

import java.util.Map;

/** Byte values and frames of the STM32 USART bootloader protocol (ST AN3155): commands, checksums, addresses. */
final class Stm32Protocol {

    static final int SYNC = 0x7F;
    static final int ACK = 0x79;
    static final int NACK = 0x1F;

    static final int GET = 0x00;
    static final int GET_VERSION = 0x01;
    static final int GET_ID = 0x02;
    static final int READ_MEMORY = 0x11;
    static final int GO = 0x21;
    static final int WRITE_MEMORY = 0x31;
    static final int ERASE = 0x43;
    static final int EXTENDED_ERASE = 0x44;
    static final int WRITE_PROTECT = 0x63;
    static final int WRITE_UNPROTECT = 0x73;
    static final int READOUT_PROTECT = 0x82;
    static final int READOUT_UNPROTECT = 0x92;

    /** Most bytes one READ_MEMORY or WRITE_MEMORY moves. */
    static final int MAX_BLOCK = 256;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(GET, "GET"), Map.entry(GET_VERSION, "GET_VERSION"), Map.entry(GET_ID, "GET_ID"),
            Map.entry(READ_MEMORY, "READ_MEMORY"), Map.entry(GO, "GO"), Map.entry(WRITE_MEMORY, "WRITE_MEMORY"),
            Map.entry(ERASE, "ERASE"), Map.entry(EXTENDED_ERASE, "EXTENDED_ERASE"),
            Map.entry(WRITE_PROTECT, "WRITE_PROTECT"), Map.entry(WRITE_UNPROTECT, "WRITE_UNPROTECT"),
            Map.entry(READOUT_PROTECT, "READOUT_PROTECT"), Map.entry(READOUT_UNPROTECT, "READOUT_UNPROTECT"));

    private Stm32Protocol() {
    }

    /** The command's name, e.g. {@code READ_MEMORY}. */
    static String name(int command) {
        return NAMES.getOrDefault(command, String.format("command 0x%02X", command));
    }

    /** Command byte and its complement. */
    static byte[] command(int command) {
        return new byte[] {(byte) command, (byte) ~command};
    }

    /** Big-endian address and the XOR of its four bytes. */
    static byte[] address(long address) {
        byte[] frame = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address, 0};
        frame[4] = (byte) (frame[0] ^ frame[1] ^ frame[2] ^ frame[3]);
        return frame;
    }

    /** The READ_MEMORY length: N-1 and its complement. */
    static byte[] readLength(int length) {
        checkBlock(length);
        return new byte[] {(byte) (length - 1), (byte) ~(length - 1)};
    }

    /** The WRITE_MEMORY frame: N-1, the data, and the XOR of N-1 and all data bytes. */
    static byte[] writeFrame(byte[] data) {
        checkBlock(data.length);
        byte[] frame = new byte[data.length + 2];
        frame[0] = (byte) (data.length - 1);
        System.arraycopy(data, 0, frame, 1, data.length);
        frame[frame.length - 1] = (byte) xor(frame, 0, data.length + 1);
        return frame;
    }

    /** The EXTENDED_ERASE frame: 16-bit N-1, N 16-bit sector numbers, XOR of all of them. */
    static byte[] extendedEraseFrame(int... sectors) {
        if (sectors.length == 0 || sectors.length > 0xFFF0) {
            throw new IllegalArgumentException("erase 1 to 65520 sectors, not " + sectors.length);
        }
        byte[] frame = new byte[2 + 2 * sectors.length + 1];
        frame[0] = (byte) ((sectors.length - 1) >> 8);
        frame[1] = (byte) (sectors.length - 1);
        for (int i = 0; i < sectors.length; i++) {
            frame[2 + 2 * i] = (byte) (sectors[i] >> 8);
            frame[3 + 2 * i] = (byte) sectors[i];
        }
        frame[frame.length - 1] = (byte) xor(frame, 0, frame.length - 1);
        return frame;
    }

    /** The ERASE frame (bootloaders before v3.0): N-1, N page bytes, XOR. */
    static byte[] eraseFrame(int... pages) {
        if (pages.length == 0 || pages.length > 255) {
            throw new IllegalArgumentException("erase 1 to 255 pages, not " + pages.length);
        }
        byte[] frame = new byte[pages.length + 2];
        frame[0] = (byte) (pages.length - 1);
        for (int i = 0; i < pages.length; i++) {
            frame[1 + i] = (byte) pages[i];
        }
        frame[frame.length - 1] = (byte) xor(frame, 0, frame.length - 1);
        return frame;
    }

    /** {@code 0x79} as ACK, {@code 0x1F} as NACK, other bytes in hex. */
    static String describe(int reply) {
        return switch (reply) {
            case ACK -> "ACK 0x79";
            case NACK -> "NACK 0x1F";
            default -> String.format("0x%02X", reply);
        };
    }

    static String hex32(long address) {
        return String.format("0x%08X", address);
    }

    private static int xor(byte[] bytes, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= bytes[i] & 0xFF;
        }
        return x;
    }

    private static void checkBlock(int length) {
        if (length < 1 || length > MAX_BLOCK) {
            throw new IllegalArgumentException("a bootloader block has 1 to 256 bytes, not " + length);
        }
    }
}
