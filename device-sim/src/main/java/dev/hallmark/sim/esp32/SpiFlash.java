package dev.hallmark.sim.esp32;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The SPI NOR flash beside the ESP32-C3 (4 MB): erased bytes read 0xFF, programming only clears bits, erase works
 * on 4 KiB sectors. Only sectors ever written are held in memory.
 */
final class SpiFlash {

    static final int SIZE = 4 * 1024 * 1024;
    static final int SECTOR = 4096;

    private final Map<Integer, byte[]> sectors = new HashMap<>();

    /** Erases the sectors covering {@code [offset, offset + length)}; returns how many. */
    int erase(int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        int first = offset / SECTOR;
        int last = (int) ((offset + (long) length - 1) / SECTOR);
        for (int s = first; s <= last; s++) {
            sectors.remove(s);
        }
        return last - first + 1;
    }

    /** ANDs the bytes into flash at {@code offset}, as NOR programming does. */
    void program(int offset, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            int at = offset + i;
            byte[] sector = sectors.computeIfAbsent(at / SECTOR, s -> filled());
            sector[at % SECTOR] &= data[i];
        }
    }

    /** Whether {@code [offset, offset + length)} lies inside the chip. */
    static boolean inRange(long offset, long length) {
        return offset >= 0 && length >= 0 && offset + length <= SIZE;
    }

    byte[] read(int offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            byte[] sector = sectors.get((offset + i) / SECTOR);
            out[i] = sector == null ? (byte) 0xFF : sector[(offset + i) % SECTOR];
        }
        return out;
    }

    /** MD5 of a region, as SPI_FLASH_MD5 computes it. */
    byte[] md5(int offset, int length) {
        try {
            return MessageDigest.getInstance("MD5").digest(read(offset, length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private static byte[] filled() {
        byte[] sector = new byte[SECTOR];
        Arrays.fill(sector, (byte) 0xFF);
        return sector;
    }
}
