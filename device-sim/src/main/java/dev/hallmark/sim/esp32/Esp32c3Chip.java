package dev.hallmark.sim.esp32;

import java.util.HashMap;
import java.util.Map;

/**
 * What survives a reset of one simulated ESP32-C3: its eFuses (factory MAC, OPTIONAL_UNIQUE_ID, chip revision v0.4),
 * its SPI flash and the memory-mapped registers written over the loader. Accessed by the device's one thread,
 * and by tests between sessions.
 */
final class Esp32c3Chip {

    /** The ROM's chip-detect magic register and the ESP32-C3 (ECO3) value esptool knows. */
    static final long CHIP_MAGIC_REG = 0x4000_1000L;
    static final int CHIP_MAGIC = 0x1B31_506F;
    /** Chip id in GET_SECURITY_INFO. */
    static final int CHIP_ID = 5;
    static final int MAC_LENGTH = 6;
    static final int UID_LENGTH = 16;
    private static final int MINOR_REVISION = 4;

    private final EfuseController efuses = new EfuseController();
    private final SpiFlash flash = new SpiFlash();
    private final Map<Long, Integer> registers = new HashMap<>();
    private final byte[] mac;
    private final byte[] uid;

    Esp32c3Chip(byte[] mac, byte[] uid) {
        if (mac.length != MAC_LENGTH || uid.length != UID_LENGTH) {
            throw new IllegalArgumentException("an ESP32-C3 has a 6-byte MAC and a 16-byte OPTIONAL_UNIQUE_ID");
        }
        this.mac = mac.clone();
        this.uid = uid.clone();
        int[] block1 = new int[6];
        block1[0] = (mac[2] & 0xFF) << 24 | (mac[3] & 0xFF) << 16 | (mac[4] & 0xFF) << 8 | (mac[5] & 0xFF);
        block1[1] = (mac[0] & 0xFF) << 8 | (mac[1] & 0xFF);
        block1[3] = MINOR_REVISION << 18;
        efuses.factoryBurn(1, block1);
        int[] block2 = new int[8];
        for (int i = 0; i < UID_LENGTH; i++) {
            block2[i / 4] |= (uid[i] & 0xFF) << (8 * (i % 4));
        }
        efuses.factoryBurn(2, block2);
    }

    EfuseController efuses() {
        return efuses;
    }

    SpiFlash flash() {
        return flash;
    }

    byte[] mac() {
        return mac.clone();
    }

    /** The 128-bit OPTIONAL_UNIQUE_ID (BLOCK2 words 0..3, little-endian bytes). */
    byte[] uid() {
        return uid.clone();
    }

    /** Whether the ROM enters its serial loader after a reset (DIS_DOWNLOAD_MODE not burnt). */
    boolean downloadModeAllowed() {
        return efuses.value(C3Fuse.DIS_DOWNLOAD_MODE) == 0;
    }

    int readRegister(long address) {
        if (EfuseController.owns(address)) {
            return efuses.read(address);
        }
        if (address == CHIP_MAGIC_REG) {
            return CHIP_MAGIC;
        }
        return registers.getOrDefault(address, 0);
    }

    /**
     * Writes a register under a mask.
     *
     * @return the number of eFuse bits this write burnt
     */
    int writeRegister(long address, int value, int mask) {
        int merged = (readRegister(address) & ~mask) | (value & mask);
        if (EfuseController.owns(address)) {
            return efuses.write(address, merged);
        }
        registers.put(address, merged);
        return 0;
    }
}
