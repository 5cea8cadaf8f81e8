package dev.hallmark.sim;

/** Byte values of the STM32 USART bootloader protocol (ST application note AN3155). */
final class An3155 {

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

    /** EXTENDED_ERASE special codes: mass erase, bank 1, bank 2. */
    static final int MASS_ERASE = 0xFFFF;
    static final int SPECIAL_ERASE_FLOOR = 0xFFF0;

    private An3155() {
    }
}
