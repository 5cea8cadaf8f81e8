package dev.hallmark.sim;

import java.io.IOException;

/** Frame-level reads and answers of the bootloader: ACK/NACK, addresses with their XOR checksum, data blocks. */
final class BootloaderIo {

    private final SerialLine line;

    BootloaderIo(SerialLine line) {
        this.line = line;
    }

    int read() throws IOException {
        return line.read();
    }

    byte[] read(int count) throws IOException {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) line.read();
        }
        return bytes;
    }

    void ack() throws IOException {
        line.write(new byte[] {(byte) An3155.ACK});
    }

    void nack() throws IOException {
        line.write(new byte[] {(byte) An3155.NACK});
    }

    void send(byte[] bytes) throws IOException {
        line.write(bytes);
    }

    void discardInput() throws IOException {
        line.discardInput();
    }

    /** Reads a big-endian address and its XOR checksum; -1 if the checksum is wrong. */
    long readAddress() throws IOException {
        byte[] a = read(4);
        int checksum = read();
        if ((xor(a) ^ checksum) != 0) {
            return -1;
        }
        return ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFFL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
    }

    /** Reads a byte and its complement; -1 if they do not match. */
    int readComplemented() throws IOException {
        int value = read();
        int complement = read();
        return (value ^ complement) == 0xFF ? value : -1;
    }

    static int xor(byte[] bytes) {
        int x = 0;
        for (byte b : bytes) {
            x ^= b & 0xFF;
        }
        return x;
    }
}
