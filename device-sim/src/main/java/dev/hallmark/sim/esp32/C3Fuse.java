package dev.hallmark.sim.esp32;

/**
 * The named BLOCK0 eFuses of the ESP32-C3 this model knows (ESP-IDF's esp_efuse_table for the C3): first bit in
 * BLOCK0 (bit 0 is WR_DIS bit 0), width, and the WR_DIS bit that write-protects it (-1: none).
 */
enum C3Fuse {
    WR_DIS(0, 32, -1),
    RD_DIS(32, 7, 0),
    DIS_RTC_RAM_BOOT(39, 1, 1),
    DIS_ICACHE(40, 1, 2),
    DIS_USB_JTAG(41, 1, 2),
    DIS_DOWNLOAD_ICACHE(42, 1, 2),
    DIS_USB_SERIAL_JTAG(43, 1, 2),
    DIS_FORCE_DOWNLOAD(44, 1, 2),
    DIS_TWAI(46, 1, 2),
    JTAG_SEL_ENABLE(47, 1, 2),
    SOFT_DIS_JTAG(48, 3, 2),
    DIS_PAD_JTAG(51, 1, 2),
    DIS_DOWNLOAD_MANUAL_ENCRYPT(52, 1, 2),
    USB_DREFH(53, 2, 30),
    USB_DREFL(55, 2, 30),
    USB_EXCHG_PINS(57, 1, 30),
    VDD_SPI_AS_GPIO(58, 1, 30),
    WDT_DELAY_SEL(80, 2, 3),
    SPI_BOOT_CRYPT_CNT(82, 3, 4),
    SECURE_BOOT_KEY_REVOKE0(85, 1, 5),
    SECURE_BOOT_KEY_REVOKE1(86, 1, 6),
    SECURE_BOOT_KEY_REVOKE2(87, 1, 7),
    KEY_PURPOSE_0(88, 4, 8),
    KEY_PURPOSE_1(92, 4, 9),
    KEY_PURPOSE_2(96, 4, 10),
    KEY_PURPOSE_3(100, 4, 11),
    KEY_PURPOSE_4(104, 4, 12),
    KEY_PURPOSE_5(108, 4, 13),
    SECURE_BOOT_EN(116, 1, 15),
    SECURE_BOOT_AGGRESSIVE_REVOKE(117, 1, 16),
    FLASH_TPUW(124, 4, 18),
    DIS_DOWNLOAD_MODE(128, 1, 18),
    DIS_DIRECT_BOOT(129, 1, 18),
    DIS_USB_SERIAL_JTAG_ROM_PRINT(130, 1, 18),
    DIS_USB_SERIAL_JTAG_DOWNLOAD_MODE(132, 1, 18),
    ENABLE_SECURITY_DOWNLOAD(133, 1, 18),
    UART_PRINT_CONTROL(134, 2, 18),
    SECURE_VERSION(142, 16, 18);

    private static final int[] WR_DIS_OF_BIT = new int[192];

    static {
        java.util.Arrays.fill(WR_DIS_OF_BIT, -1);
        for (C3Fuse fuse : values()) {
            for (int bit = fuse.firstBit; bit < fuse.firstBit + fuse.width; bit++) {
                WR_DIS_OF_BIT[bit] = fuse.wrDisBit;
            }
        }
    }

    private final int firstBit;
    private final int width;
    private final int wrDisBit;

    C3Fuse(int firstBit, int width, int wrDisBit) {
        this.firstBit = firstBit;
        this.width = width;
        this.wrDisBit = wrDisBit;
    }

    int firstBit() {
        return firstBit;
    }

    int width() {
        return width;
    }

    /** The field's value in the six words of BLOCK0. */
    long valueIn(int[] block0) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int bit = firstBit + i;
            if ((block0[bit / 32] >>> (bit % 32) & 1) != 0) {
                value |= 1L << i;
            }
        }
        return value;
    }

    /** The WR_DIS bit that write-protects BLOCK0 bit {@code bit} (0..191), or -1 if nothing protects it. */
    static int wrDisBitOf(int bit) {
        return WR_DIS_OF_BIT[bit];
    }
}
