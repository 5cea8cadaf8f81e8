package dev.hallmark.sim.esp32;

/** Command opcodes of the ESP ROM serial loader (Espressif, "Serial Protocol"), and the ROM's error codes. */
final class RomCommand {

    static final int FLASH_BEGIN = 0x02;
    static final int FLASH_DATA = 0x03;
    static final int FLASH_END = 0x04;
    static final int MEM_BEGIN = 0x05;
    static final int MEM_END = 0x06;
    static final int MEM_DATA = 0x07;
    static final int SYNC = 0x08;
    static final int WRITE_REG = 0x09;
    static final int READ_REG = 0x0A;
    static final int SPI_SET_PARAMS = 0x0B;
    static final int SPI_ATTACH = 0x0D;
    static final int CHANGE_BAUDRATE = 0x0F;
    static final int SPI_FLASH_MD5 = 0x13;
    static final int GET_SECURITY_INFO = 0x14;

    /** Seed of the XOR checksum over the data of FLASH_DATA and MEM_DATA. */
    static final int CHECKSUM_SEED = 0xEF;

    /** ROM error: the message was not understood (unknown command, wrong size). */
    static final int ERR_INVALID_MESSAGE = 0x05;
    /** ROM error: the command was understood but could not be carried out. */
    static final int ERR_FAILED = 0x06;
    /** ROM error: the data checksum did not match. */
    static final int ERR_INVALID_CRC = 0x07;
    /** ROM error: writing flash failed (for example a FLASH_DATA without FLASH_BEGIN). */
    static final int ERR_FLASH_WRITE = 0x08;

    private RomCommand() {
    }

    /** The XOR checksum of the ROM protocol: 0xEF XOR every byte. */
    static int checksum(byte[] data, int offset, int length) {
        int sum = CHECKSUM_SEED;
        for (int i = offset; i < offset + length; i++) {
            sum ^= data[i] & 0xFF;
        }
        return sum;
    }
}
