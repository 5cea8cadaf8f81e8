package dev.hallmark.fuse.esp32;

/**
 * The ESP32-C3 BLOCK0 eFuses the lock plan reads or burns (ESP-IDF's esp_efuse_table for the C3): first bit in
 * BLOCK0, width, and the WR_DIS bit that write-protects the field (-1: none).
 */
enum EfuseField {
    WR_DIS(0, 32, -1, "write protection of the other fuses"),
    RD_DIS(32, 7, 0, "read protection of KEY0..KEY5 and SYS_DATA_PART2"),
    DIS_USB_JTAG(41, 1, 2, "USB-Serial-JTAG's JTAG function off"),
    DIS_USB_SERIAL_JTAG(43, 1, 2, "USB-Serial-JTAG peripheral off"),
    SOFT_DIS_JTAG(48, 3, 2, "JTAG off unless re-enabled by the HMAC peripheral (odd number of bits)"),
    DIS_PAD_JTAG(51, 1, 2, "JTAG on the pads off for good"),
    KEY_PURPOSE_0(88, 4, 8, "purpose of KEY0"),
    KEY_PURPOSE_1(92, 4, 9, "purpose of KEY1"),
    KEY_PURPOSE_2(96, 4, 10, "purpose of KEY2"),
    KEY_PURPOSE_3(100, 4, 11, "purpose of KEY3"),
    KEY_PURPOSE_4(104, 4, 12, "purpose of KEY4"),
    KEY_PURPOSE_5(108, 4, 13, "purpose of KEY5"),
    SECURE_BOOT_EN(116, 1, 15, "secure boot v2 enforced by the ROM"),
    DIS_DOWNLOAD_MODE(128, 1, 18, "ROM serial and USB download mode off"),
    ENABLE_SECURITY_DOWNLOAD(133, 1, 18, "secure download mode (only flash commands)");

    static final EfuseField[] KEY_PURPOSES = {KEY_PURPOSE_0, KEY_PURPOSE_1, KEY_PURPOSE_2, KEY_PURPOSE_3,
        KEY_PURPOSE_4, KEY_PURPOSE_5};

    private final int firstBit;
    private final int width;
    private final int wrDisBit;
    private final String meaning;

    EfuseField(int firstBit, int width, int wrDisBit, String meaning) {
        this.firstBit = firstBit;
        this.width = width;
        this.wrDisBit = wrDisBit;
        this.meaning = meaning;
    }

    int firstBit() {
        return firstBit;
    }

    int width() {
        return width;
    }

    /** The WR_DIS bit guarding this field, or -1. */
    int wrDisBit() {
        return wrDisBit;
    }

    String meaning() {
        return meaning;
    }

    /** The field read out of BLOCK0's six words. */
    long valueIn(int[] block0) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int bit = firstBit + i;
            value |= (long) (block0[bit / 32] >>> (bit % 32) & 1) << i;
        }
        return value;
    }

    /** Sets the field's bits of {@code value} into BLOCK0 words. */
    void orInto(int[] block0, long value) {
        for (int i = 0; i < width; i++) {
            if ((value >>> i & 1) != 0) {
                int bit = firstBit + i;
                block0[bit / 32] |= 1 << (bit % 32);
            }
        }
    }
}
