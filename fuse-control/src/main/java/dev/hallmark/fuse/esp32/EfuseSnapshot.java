package dev.hallmark.fuse.esp32;

import java.util.HexFormat;

/**
 * The eFuse read registers of one ESP32-C3 at one moment: BLOCK0 (WR_DIS and the five repeat-data words), the
 * factory MAC from BLOCK1 and the 128-bit OPTIONAL_UNIQUE_ID from BLOCK2 words 0..3 (little-endian bytes).
 */
record EfuseSnapshot(int[] block0, byte[] mac, byte[] uniqueId, int chipRevision) {

    /** eFuse controller base and the read registers used. */
    static final long BASE = 0x6000_8800L;
    static final long BLOCK0 = BASE + 0x02C;
    static final long BLOCK1 = BASE + 0x044;
    static final long BLOCK2 = BASE + 0x05C;

    EfuseSnapshot {
        block0 = block0.clone();
        mac = mac.clone();
        uniqueId = uniqueId.clone();
    }

    long value(EfuseField field) {
        return field.valueIn(block0);
    }

    /** Whether WR_DIS bit {@code bit} is burnt. */
    boolean writeProtected(int bit) {
        return bit >= 0 && (block0[0] >>> bit & 1) != 0;
    }

    /** The key purposes of KEY0..KEY5. */
    int[] keyPurposes() {
        int[] purposes = new int[EfuseField.KEY_PURPOSES.length];
        for (int i = 0; i < purposes.length; i++) {
            purposes[i] = (int) value(EfuseField.KEY_PURPOSES[i]);
        }
        return purposes;
    }

    @Override
    public int[] block0() {
        return block0.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public byte[] uniqueId() {
        return uniqueId.clone();
    }

    String macText() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** Builds a snapshot from the words read at {@link #BLOCK0} (6), {@link #BLOCK1} (6) and {@link #BLOCK2} (4). */
    static EfuseSnapshot of(int[] block0, int[] block1, int[] block2) {
        byte[] mac = {
            (byte) (block1[1] >>> 8), (byte) block1[1], (byte) (block1[0] >>> 24), (byte) (block1[0] >>> 16),
            (byte) (block1[0] >>> 8), (byte) block1[0]};
        byte[] uid = new byte[16];
        for (int i = 0; i < uid.length; i++) {
            uid[i] = (byte) (block2[i / 4] >>> (8 * (i % 4)));
        }
        int minor = (block1[3] >>> 18 & 0x7) | (block1[5] >>> 23 & 0x1) << 3;
        int major = block1[5] >>> 24 & 0x3;
        return new EfuseSnapshot(block0, mac, uid, major << 4 | minor);
    }
}
