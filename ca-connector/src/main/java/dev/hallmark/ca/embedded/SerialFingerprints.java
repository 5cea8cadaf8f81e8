package dev.hallmark.ca.embedded;

import java.math.BigInteger;

/**
 * The serials a CA has used, kept compactly: the low 64 bits of each serial in an open-addressing table
 * (16 bytes a serial at most, so a million issued certificates take 16 MiB). Membership never misses a
 * serial that was added; two serials sharing their low 64 bits read as the same, which for random serials
 * happens with odds near 2<sup>-64</sup> and costs the CA one more draw. Not thread-safe.
 */
final class SerialFingerprints {

    /** Marks a free slot; a serial whose low 64 bits are zero is stored as 1. */
    private static final long FREE = 0;

    private long[] table = new long[1 << 10];
    private int size;

    /** Adds the serial; returns false if it (or one sharing its low 64 bits) was there already. */
    boolean add(BigInteger serial) {
        long fingerprint = fingerprint(serial);
        int slot = find(table, fingerprint);
        if (table[slot] == fingerprint) {
            return false;
        }
        table[slot] = fingerprint;
        if (++size * 2 > table.length) {
            grow();
        }
        return true;
    }

    /** Whether the serial may have been added: false means it certainly was not. */
    boolean mightContain(BigInteger serial) {
        long fingerprint = fingerprint(serial);
        return table[find(table, fingerprint)] == fingerprint;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long fingerprint : table) {
            if (fingerprint != FREE) {
                bigger[find(bigger, fingerprint)] = fingerprint;
            }
        }
        table = bigger;
    }

    /** The slot holding {@code fingerprint}, or the free slot where it belongs (linear probing). */
    private static int find(long[] table, long fingerprint) {
        int mask = table.length - 1;
        int slot = Long.hashCode(fingerprint * 0x9E3779B97F4A7C15L) & mask;
        while (table[slot] != FREE && table[slot] != fingerprint) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long fingerprint(BigInteger serial) {
        long low = serial.longValue();
        return low == FREE ? 1 : low;
    }
}
