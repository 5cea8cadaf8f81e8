package dev.hallmark.fuse.stm32;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the station knows of each STM32 family it provisions (reference manuals, AN2606, docs/identity-blob.md):
 * the GET_ID product id, where the unique ID and the flash are, and where the identity key slot is.
 */
enum Stm32Target {

    F1("STM32F1", 0x410, 0x1FFF_F7E8L, 0x0800_0000L, null),
    F4("STM32F4", 0x413, 0x1FFF_7A10L, 0x0800_0000L, new KeySlot(0x080E_0000L, 11, 128 * 1024)),
    L4("STM32L4", 0x415, 0x1FFF_7590L, 0x0800_0000L, null);

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

    private final String family;
    private final int productId;
    private final long uidAddress;
    private final long flashBase;
    private final KeySlot keySlot;

    Stm32Target(String family, int productId, long uidAddress, long flashBase, KeySlot keySlot) {
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

    /** Empty where no key slot is defined for the family yet. */
    Optional<KeySlot> keySlot() {
        return Optional.ofNullable(keySlot);
    }
}
