package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Clock;
import java.util.Arrays;

/**
 * Reads and programs the ESP32-C3 eFuse controller over READ_REG / WRITE_REG, in the order the TRM gives: the
 * program opcode 0x5A5A into EFUSE_CONF, the bits into EFUSE_PGM_DATA0..7, PGM_CMD with the block number into
 * EFUSE_CMD, wait for EFUSE_CMD to clear, clear the data registers, then the read opcode 0x5AA5 and READ_CMD so
 * that the read registers show the new fuses.
 */
final class EfuseBurner {

    static final long PGM_DATA0 = EfuseSnapshot.BASE;
    static final long CONF = EfuseSnapshot.BASE + 0x1CC;
    static final long CMD = EfuseSnapshot.BASE + 0x1D4;
    static final int OP_PROGRAM = 0x5A5A;
    static final int OP_READ = 0x5AA5;
    static final int CMD_READ = 0x1;
    static final int CMD_PGM = 0x2;
    private static final int PGM_REGISTERS = 11;
    /** Offset of KEY0's read registers (BLOCK4), eight words per key block, six key blocks. */
    static final long KEY0_READ = 0x09C;
    static final int KEY_WORDS = 8;
    static final int KEY_BLOCKS = 6;

    private final RomCommands rom;
    private final EspLinkOptions options;
    private final Clock clock;
    private final String port;

    EfuseBurner(RomCommands rom, EspLinkOptions options, Clock clock, String port) {
        this.rom = rom;
        this.options = options;
        this.clock = clock;
        this.port = port;
    }

    /** Reads BLOCK0, the MAC words of BLOCK1 and the OPTIONAL_UNIQUE_ID words of BLOCK2. */
    EfuseSnapshot read() throws ProvisioningException {
        return EfuseSnapshot.of(words(EfuseSnapshot.BLOCK0, 6), words(EfuseSnapshot.BLOCK1, 6),
                words(EfuseSnapshot.BLOCK2, 4));
    }

    private int[] words(long address, int count) throws ProvisioningException {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = (int) rom.readReg(address + 4L * i);
        }
        return words;
    }

    /** The eight words of key block KEY{@code k} (BLOCK4+k) as the read registers show them (zero if RD_DIS). */
    int[] readKeyBlock(int k) throws ProvisioningException {
        return words(EfuseSnapshot.BASE + KEY0_READ + 0x20L * k, KEY_WORDS);
    }

    /** The six key blocks KEY0..KEY5. */
    int[][] readKeyBlocks() throws ProvisioningException {
        int[][] blocks = new int[KEY_BLOCKS][];
        for (int k = 0; k < KEY_BLOCKS; k++) {
            blocks[k] = readKeyBlock(k);
        }
        return blocks;
    }

    /** Burns the BLOCK0 bits given (six words, word 0 is WR_DIS), then reloads the read registers. */
    void programBlock0(int[] words) throws ProvisioningException {
        programBlock(0, words);
    }

    /**
     * Burns the bits given into {@code block} (BLOCK0: six words; key blocks: eight), then reloads the read registers.
     * The Reed-Solomon check words of key blocks are left zero (the simulator does not check them; docs/esp32.md).
     */
    void programBlock(int block, int[] words) throws ProvisioningException {
        if (Arrays.stream(words).allMatch(w -> w == 0)) {
            return;
        }
        rom.writeReg(CONF, OP_PROGRAM);
        for (int i = 0; i < PGM_REGISTERS; i++) {
            rom.writeReg(PGM_DATA0 + 4L * i, i < words.length ? words[i] & 0xFFFFFFFFL : 0);
        }
        rom.writeReg(CMD, CMD_PGM | (long) block << 2);
        awaitIdle("program BLOCK" + block);
        for (int i = 0; i < PGM_REGISTERS; i++) {
            rom.writeReg(PGM_DATA0 + 4L * i, 0);
        }
        reload();
    }

    /** READ_CMD: the read registers take the fuses' values. */
    void reload() throws ProvisioningException {
        rom.writeReg(CONF, OP_READ);
        rom.writeReg(CMD, CMD_READ);
        awaitIdle("reload the eFuse read registers");
    }

    private void awaitIdle(String what) throws ProvisioningException {
        long deadline = clock.millis() + options.efuseTimeout().toMillis();
        long cmd;
        do {
            cmd = rom.readReg(CMD);
            if ((cmd & (CMD_PGM | CMD_READ)) == 0) {
                return;
            }
        } while (clock.millis() < deadline);
        throw new ProvisioningException(ErrorCode.DEVICE_EFUSE_BURN_FAILED, "The eFuse controller of the ESP32-C3 on "
                + port + " did not finish: " + what + ".", String.format("EFUSE_CMD stays 0x%X", cmd), null);
    }
}
