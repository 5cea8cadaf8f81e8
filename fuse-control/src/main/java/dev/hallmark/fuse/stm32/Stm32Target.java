package dev.hallmark.fuse.stm32;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the station knows of each STM32 family it provisions (reference manuals, AN2606, docs/identity-blob.md):
 * the GET_ID product id, where the unique ID, the flash and the option bytes are, and where the identity key slot is.
 */
enum Stm32Target {

    F1("STM32F1", 0x410, 0x1FFF_F7E8L, 0x0800_0000L, null, new OptionLayout(0x1FFF_F800L, 16, 0, 1, 0xA5, false)),
    F4("STM32F4", 0x413, 0x1FFF_7A10L, 0x0800_0000L, new KeySlot(0x080E_0000L, 11, 128 * 1024),
            new OptionLayout(0x1FFF_C000L, 16, 1, -1, 0xAA, true)),
    L4("STM32L4", 0x415, 0x1FFF_7590L, 0x0800_0000L, null, new OptionLayout(0x1FFF_7800L, 16, 0, -1, 0xAA, true));

    /** Bytes of the hardware unique ID. */
    static final int UID_LENGTH = 12;

    /**
     * The flash sector (or page) the identity blob lives in.
     *
     * @param address     start of the sector
     * @param eraseNumber the sector number EXTENDED_ERASE takes
     * @param size        bytes in the sector
     */
    record KeySlot(long address, int eraseNumber, int size) {
    }

    /**
     * Where the option bytes are and how RDP is coded in them (RM0008, RM0090, RM0351).
     *
     * @param address             start of the option bytes the bootloader reads and writes
     * @param size                bytes the station reads and rewrites as one image
     * @param rdpOffset           offset of the RDP byte
     * @param rdpComplementOffset offset of its complement (F1), or -1
     * @param level0              the RDP value of level 0 (0xA5 on F1, 0xAA elsewhere); 0xCC is level 2
     * @param hasLevel2           whether RDP level 2 exists (not on F1)
     */
    record OptionLayout(long address, int size, int rdpOffset, int rdpComplementOffset, int level0,
                        boolean hasLevel2) {

        static final int LEVEL_1 = 0x55;
        static final int LEVEL_2 = 0xCC;

        /** 0, 1 or 2 for an RDP value (F1: no level 2; a broken complement counts as level 1). */
        int level(byte[] image) {
            int rdp = image[rdpOffset] & 0xFF;
            if (rdpComplementOffset >= 0 && ((rdp ^ image[rdpComplementOffset]) & 0xFF) != 0xFF) {
                return 1;
            }
            if (rdp == level0) {
                return 0;
            }
            return rdp == LEVEL_2 && hasLevel2 ? 2 : 1;
        }

        /** The image with RDP set to the value (and its complement where there is one). */
        byte[] withRdp(byte[] image, int rdp) {
            byte[] copy = image.clone();
            copy[rdpOffset] = (byte) rdp;
            if (rdpComplementOffset >= 0) {
                copy[rdpComplementOffset] = (byte) ~rdp;
            }
            return copy;
        }

        long rdpAddress() {
            return address + rdpOffset;
        }
    }

    private final String family;
    private final int productId;
    private final long uidAddress;
    private final long flashBase;
    private final KeySlot keySlot;
    private final OptionLayout options;

    Stm32Target(String family, int productId, long uidAddress, long flashBase, KeySlot keySlot, OptionLayout options) {
        this.options = options;
        this.family = family;
        this.productId = productId;
        this.uidAddress = uidAddress;
        this.flashBase = flashBase;
        this.keySlot = keySlot;
    }

    static Optional<Stm32Target> forProductId(int productId) {
        return Arrays.stream(values()).filter(t -> t.productId == productId).findFirst();
    }

    /** The chip family as DeviceInfo reports it, e.g. {@code STM32F4}. */
    String family() {
        return family;
    }

    int productId() {
        return productId;
    }

    long uidAddress() {
        return uidAddress;
    }

    long flashBase() {
        return flashBase;
    }

    OptionLayout options() {
        return options;
    }

    /** Empty where no key slot is defined for the family yet. */
    Optional<KeySlot> keySlot() {
        return Optional.ofNullable(keySlot);
    }
}
