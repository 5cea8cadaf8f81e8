package dev.hallmark.sim.esp32;

import java.util.Arrays;

/**
 * The ESP32-C3 eFuse controller at 0x60008800 as its TRM describes it: eleven blocks (BLOCK0 of 6 words, the
 * others of 8), read registers that show the fuses as of the last READ command, and programming through
 * EFUSE_PGM_DATAn, EFUSE_CONF (opcode 0x5A5A to program, 0x5AA5 to read) and EFUSE_CMD (PGM_CMD with the block
 * number, READ_CMD). Bits only go 0 to 1; a set WR_DIS bit keeps its fuses (or whole block) from being burnt;
 * RD_DIS bits make key blocks read as zero. Reed-Solomon check values are accepted and not checked.
 */
final class EfuseController {

    static final long BASE = 0x6000_8800L;
    static final long END = BASE + 0x200;
    static final int PGM_DATA0 = 0x000;
    static final int PGM_CHECK_VALUE0 = 0x020;
    static final int CONF = 0x1CC;
    static final int STATUS = 0x1D0;
    static final int CMD = 0x1D4;
    static final int DATE = 0x1FC;
    static final int OP_PROGRAM = 0x5A5A;
    static final int OP_READ = 0x5AA5;
    static final int CMD_READ = 0x1;
    static final int CMD_PGM = 0x2;
    static final int BLOCKS = 11;
    private static final int[] READ_OFFSET = {0x02C, 0x044, 0x05C, 0x07C, 0x09C, 0x0BC, 0x0DC, 0x0FC, 0x11C, 0x13C, 0x15C};
    private static final int[] WORDS = {6, 6, 8, 8, 8, 8, 8, 8, 8, 8, 8};
    private static final int DATE_VALUE = 0x2007_2000;

    private final int[][] fuses = new int[BLOCKS][];
    private final int[][] shown = new int[BLOCKS][];
    private final int[] pgmData = new int[11];
    private final int[] other = new int[0x200 / 4];
    private int conf;

    EfuseController() {
        for (int b = 0; b < BLOCKS; b++) {
            fuses[b] = new int[WORDS[b]];
            shown[b] = new int[WORDS[b]];
        }
    }

    /** Factory programming (before the part leaves the vendor): ORs the words into a block and reloads. */
    void factoryBurn(int block, int[] words) {
        for (int i = 0; i < words.length; i++) {
            fuses[block][i] |= words[i];
        }
        reload();
    }

    /** Reloads the read registers from the fuses, as the controller does at reset and on READ_CMD. */
    void reload() {
        int rdDis = (int) C3Fuse.RD_DIS.valueIn(fuses[0]);
        for (int b = 0; b < BLOCKS; b++) {
            boolean readProtected = (b >= 4 && (rdDis >>> (b - 4) & 1) != 0);
            shown[b] = readProtected ? new int[WORDS[b]] : fuses[b].clone();
        }
    }

    /** Whether {@code address} is one of the controller's registers. */
    static boolean owns(long address) {
        return address >= BASE && address < END;
    }

    /** The register at {@code address}, as the CPU (and READ_REG) sees it. */
    int read(long address) {
        int offset = (int) (address - BASE) & ~3;
        for (int b = 0; b < BLOCKS; b++) {
            int index = (offset - READ_OFFSET[b]) / 4;
            if (offset >= READ_OFFSET[b] && index < WORDS[b]) {
                return shown[b][index];
            }
        }
        if (offset < PGM_CHECK_VALUE0 + 12) {
            return pgmData[offset / 4];
        }
        return switch (offset) {
            case CONF -> conf;
            case STATUS -> 1;
            case CMD -> 0;
            case DATE -> DATE_VALUE;
            default -> other[offset / 4];
        };
    }

    /**
     * Writes a register; a write to EFUSE_CMD runs the command at once.
     *
     * @return the number of fuse bits burnt (0 unless this was a program command)
     */
    int write(long address, int value) {
        int offset = (int) (address - BASE) & ~3;
        if (offset < PGM_CHECK_VALUE0 + 12) {
            pgmData[offset / 4] = value;
            return 0;
        }
        switch (offset) {
            case CONF -> conf = value & 0xFFFF;
            case CMD -> {
                return command(value);
            }
            default -> {
                if (offset >= 0x1C8 && offset != STATUS && offset != DATE) {
                    other[offset / 4] = value;
                }
            }
        }
        return 0;
    }

    private int command(int value) {
        if ((value & CMD_PGM) != 0 && conf == OP_PROGRAM) {
            return program((value >>> 2) & 0xF);
        }
        if ((value & CMD_READ) != 0 && conf == OP_READ) {
            reload();
        }
        return 0;
    }

    private int program(int block) {
        if (block >= BLOCKS) {
            return 0;
        }
        int wrDis = fuses[0][0];
        boolean blockProtected = block > 0 && (wrDis >>> (19 + block) & 1) != 0;
        int burnt = 0;
        for (int w = 0; w < WORDS[block]; w++) {
            int writable = blockProtected ? 0 : writableMask(block, w, wrDis);
            int fresh = pgmData[w] & writable & ~fuses[block][w];
            fuses[block][w] |= fresh;
            burnt += Integer.bitCount(fresh);
        }
        return burnt;
    }

    private static int writableMask(int block, int word, int wrDis) {
        if (block != 0 || word == 0) {
            return -1;
        }
        int mask = 0;
        for (int i = 0; i < 32; i++) {
            int protector = C3Fuse.wrDisBitOf(word * 32 + i);
            if (protector < 0 || (wrDis >>> protector & 1) == 0) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** The burnt fuses of a block (not what the read registers show), for tests and the device's own logic. */
    int[] fuses(int block) {
        return fuses[block].clone();
    }

    /** A named BLOCK0 field as burnt. */
    long value(C3Fuse fuse) {
        return fuse.valueIn(fuses[0]);
    }

    @Override
    public String toString() {
        return "EfuseController" + Arrays.deepToString(fuses);
    }
}
