package dev.hallmark.sim.esp32;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The eFuse controller's program/read sequence, 0-to-1 bits, write and read protection. */
class EfuseControllerTest {

    private static final long B = EfuseController.BASE;
    private final EfuseController efuses = new EfuseController();

    private int program(int block, int... words) {
        efuses.write(B + EfuseController.CONF, EfuseController.OP_PROGRAM);
        for (int i = 0; i < words.length; i++) {
            efuses.write(B + 4L * i, words[i]);
        }
        int burnt = efuses.write(B + EfuseController.CMD, EfuseController.CMD_PGM | block << 2);
        for (int i = 0; i < words.length; i++) {
            efuses.write(B + 4L * i, 0);
        }
        return burnt;
    }

    private void read() {
        efuses.write(B + EfuseController.CONF, EfuseController.OP_READ);
        efuses.write(B + EfuseController.CMD, EfuseController.CMD_READ);
    }

    @Test
    void programmedBitsShowOnlyAfterTheReadCommand() {
        assertThat(program(0, 0, 1 << 19)).isEqualTo(1);
        assertThat(efuses.read(B + 0x30)).isZero();
        read();
        assertThat(efuses.read(B + 0x30)).isEqualTo(1 << 19);
        assertThat(efuses.value(C3Fuse.DIS_PAD_JTAG)).isEqualTo(1);
    }

    @Test
    void withoutTheProgramOpcodeNothingIsBurnt() {
        efuses.write(B + EfuseController.CONF, 0x1234);
        efuses.write(B + 4, 1 << 19);
        assertThat(efuses.write(B + EfuseController.CMD, EfuseController.CMD_PGM)).isZero();
        assertThat(efuses.value(C3Fuse.DIS_PAD_JTAG)).isZero();
    }

    @Test
    void bitsOnlyGoFromZeroToOne() {
        program(0, 0, 0b111 << 16);
        assertThat(program(0, 0, 0b001 << 16)).isZero();
        read();
        assertThat(efuses.value(C3Fuse.SOFT_DIS_JTAG)).isEqualTo(0b111);
    }

    @Test
    void aWriteProtectionBitKeepsItsGroupFromBeingBurntButNotOtherFuses() {
        program(0, 1 << 2);
        assertThat(program(0, 0, 1 << 19, 0, 0, 1)).isEqualTo(1);
        read();
        assertThat(efuses.value(C3Fuse.DIS_PAD_JTAG)).isZero();
        assertThat(efuses.value(C3Fuse.DIS_DOWNLOAD_MODE)).isEqualTo(1);
        program(0, 1 << 18);
        assertThat(program(0, 0, 0, 0, 0, 1 << 1)).isZero();
    }

    @Test
    void readProtectionHidesAKeyBlockAndBlockProtectionFreezesIt() {
        program(4, 0xCAFE, 0xBEEF);
        read();
        assertThat(efuses.read(B + 0x09C)).isEqualTo(0xCAFE);
        program(0, 1 << 23, 1);
        assertThat(program(4, 0xFFFF_0000)).isZero();
        read();
        assertThat(efuses.read(B + 0x09C)).isZero();
        assertThat(efuses.fuses(4)[0]).isEqualTo(0xCAFE);
    }
}
