package dev.hallmark.sim.esp32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 20 data bytes of GET_SECURITY_INFO on the ESP32-C3 ROM: flags (4), SPI_BOOT_CRYPT_CNT (1), the six key
 * purposes and one spare (7), chip id (4), ECO version (4), little-endian.
 */
final class SecurityInfo {

    static final int LENGTH = 20;

    private SecurityInfo() {
    }

    static byte[] of(EfuseController efuses) {
        int flags = 0;
        flags |= bit(efuses.value(C3Fuse.SECURE_BOOT_EN) != 0, 0);
        flags |= bit(efuses.value(C3Fuse.SECURE_BOOT_AGGRESSIVE_REVOKE) != 0, 1);
        flags |= bit(efuses.value(C3Fuse.ENABLE_SECURITY_DOWNLOAD) != 0, 2);
        flags |= bit(efuses.value(C3Fuse.SECURE_BOOT_KEY_REVOKE0) != 0, 3);
        flags |= bit(efuses.value(C3Fuse.SECURE_BOOT_KEY_REVOKE1) != 0, 4);
        flags |= bit(efuses.value(C3Fuse.SECURE_BOOT_KEY_REVOKE2) != 0, 5);
        flags |= bit(Long.bitCount(efuses.value(C3Fuse.SOFT_DIS_JTAG)) % 2 == 1, 6);
        flags |= bit(efuses.value(C3Fuse.DIS_PAD_JTAG) != 0, 7);
        flags |= bit(efuses.value(C3Fuse.DIS_USB_JTAG) != 0, 8);
        flags |= bit(efuses.value(C3Fuse.DIS_DOWNLOAD_ICACHE) != 0, 10);
        ByteBuffer out = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(flags);
        out.put((byte) efuses.value(C3Fuse.SPI_BOOT_CRYPT_CNT));
        C3Fuse[] purposes = {C3Fuse.KEY_PURPOSE_0, C3Fuse.KEY_PURPOSE_1, C3Fuse.KEY_PURPOSE_2, C3Fuse.KEY_PURPOSE_3,
            C3Fuse.KEY_PURPOSE_4, C3Fuse.KEY_PURPOSE_5};
        for (C3Fuse purpose : purposes) {
            out.put((byte) efuses.value(purpose));
        }
        out.put((byte) 0);
        out.putInt(Esp32c3Chip.CHIP_ID);
        out.putInt(0);
        return out.array();
    }

    private static int bit(boolean set, int position) {
        return set ? 1 << position : 0;
    }
}
