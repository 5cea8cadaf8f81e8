package dev.hallmark.sim;

import java.util.BitSet;

/**
 * The option-byte image of one simulated STM32 as its reference manual lays it out: the RDP byte (with its
 * complement on F1) and, where the family maps them there, the write-protection bits (F4 nWRP: a clear bit
 * protects its sector; F1 WRP0..3 with complements: a clear bit protects four pages).
 */
final class OptionBytes {

    private static final int F1_WRP_OFFSET = 8;
    private static final int F1_WRP_BYTES = 4;
    private static final int F4_SECTORS = 12;

    private OptionBytes() {
    }

    /** The image as read, with the RDP byte and the write-protected sectors reflected into it. */
    static byte[] encode(Stm32Family family, byte[] image, int rdp, BitSet writeProtected) {
        byte[] bytes = image.clone();
        bytes[family.rdpOffset()] = (byte) rdp;
        if (family.rdpComplementOffset() >= 0) {
            bytes[family.rdpComplementOffset()] = (byte) ~rdp;
        }
        if (family == Stm32Family.F1) {
            for (int i = 0; i < F1_WRP_BYTES; i++) {
                int wrp = 0xFF;
                for (int bit = 0; bit < 8; bit++) {
                    if (writeProtected.get((i * 8 + bit) * family.writeProtectGroup())) {
                        wrp &= ~(1 << bit);
                    }
                }
                bytes[F1_WRP_OFFSET + 2 * i] = (byte) wrp;
                bytes[F1_WRP_OFFSET + 2 * i + 1] = (byte) ~wrp;
            }
        } else if (family.nwrpOffset() >= 0) {
            int nwrp = 0x0FFF;
            for (int s = writeProtected.nextSetBit(0); s >= 0 && s < F4_SECTORS; s = writeProtected.nextSetBit(s + 1)) {
                nwrp &= ~(1 << s);
            }
            bytes[family.nwrpOffset()] = (byte) nwrp;
            bytes[family.nwrpOffset() + 1] = (byte) ((bytes[family.nwrpOffset() + 1] & 0xF0) | (nwrp >> 8));
        }
        return bytes;
    }

    /**
     * The RDP value an image means after the option bytes are reloaded. On F1 a byte whose complement does not
     * match is an option-byte error, which the part treats as level 1 (0x00 here).
     */
    static int rdp(Stm32Family family, byte[] image) {
        int rdp = image[family.rdpOffset()] & 0xFF;
        if (family.rdpComplementOffset() >= 0 && ((rdp ^ image[family.rdpComplementOffset()]) & 0xFF) != 0xFF) {
            return 0x00;
        }
        return rdp;
    }

    /** The write-protected sectors (pages on F1) an image means; null where the family keeps them elsewhere. */
    static BitSet writeProtection(Stm32Family family, byte[] image) {
        BitSet sectors = new BitSet();
        if (family == Stm32Family.F1) {
            for (int i = 0; i < F1_WRP_BYTES; i++) {
                int wrp = image[F1_WRP_OFFSET + 2 * i] & 0xFF;
                for (int bit = 0; bit < 8; bit++) {
                    if ((wrp & (1 << bit)) == 0) {
                        int first = (i * 8 + bit) * family.writeProtectGroup();
                        sectors.set(first, Math.min(first + family.writeProtectGroup(), family.sectorCount()));
                    }
                }
            }
            return sectors;
        }
        if (family.nwrpOffset() >= 0) {
            int nwrp = (image[family.nwrpOffset()] & 0xFF) | ((image[family.nwrpOffset() + 1] & 0x0F) << 8);
            for (int s = 0; s < F4_SECTORS; s++) {
                if ((nwrp & (1 << s)) == 0) {
                    sectors.set(s);
                }
            }
            return sectors;
        }
        return null;
    }
}
