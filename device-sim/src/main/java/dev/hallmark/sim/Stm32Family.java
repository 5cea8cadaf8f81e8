package dev.hallmark.sim;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The simulated STM32 families as their datasheets, reference manuals and ST AN2606 describe them: product id,
 * memory map, erase layout, option bytes and the bootloader's command set: F4 (STM32F405/407), F1 (medium
 * density: plain ERASE, RDP with complement, no level 2) and L4 (L47x/L48x: 2 KiB pages, RDP in FLASH_OPTR).
 */
public enum Stm32Family {

    /** STM32F10x medium density: 128 KiB flash in 1 KiB pages, bootloader v2.2 with the plain ERASE command. */
    F1("STM32F1", 0x410, 0x22, new int[] {0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x43, 0x63, 0x73, 0x82, 0x92},
            0x0800_0000L, uniform(128, 1024), 0x2000_0000L, 20 * 1024, 0x200,
            0x1FFF_F000L, 0x800, 0x1FFF_F7E0L, 0x14, 8, 0,
            0x1FFF_F800L, new int[] {0xA5, 0x5A, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00,
                                     0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00}, 0, 1, 0xA5, -1, -1),

    /** STM32F405/407: 1 MiB flash in sectors 4x16K, 64K, 7x128K; bootloader v3.1 with EXTENDED_ERASE. */
    F4("STM32F4", 0x413, 0x31, new int[] {0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x44, 0x63, 0x73, 0x82, 0x92},
            0x0800_0000L, sectors(4, 16 * 1024, 1, 64 * 1024, 7, 128 * 1024), 0x2000_0000L, 128 * 1024, 0x3000,
            0x1FFF_0000L, 0x7800, 0x1FFF_7A10L, 0x14, 0, 0x12,
            0x1FFF_C000L, new int[] {0xED, 0xAA, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                     0xFF, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, 1, -1, 0xAA, 8, 11),

    /** STM32L47x/L48x: 1 MiB flash in 2 KiB pages, bootloader v3.1 with EXTENDED_ERASE. */
    L4("STM32L4", 0x415, 0x31, new int[] {0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x44, 0x63, 0x73, 0x82, 0x92},
            0x0800_0000L, uniform(512, 2048), 0x2000_0000L, 96 * 1024, 0x3000,
            0x1FFF_0000L, 0x7000, 0x1FFF_7590L, 0x52, 0, 0x50,
            0x1FFF_7800L, new int[] {0xAA, 0xF8, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                     0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, 0, -1, 0xAA, -1, -1);

    /** Length of the hardware unique ID. */
    public static final int UID_LENGTH = 12;

    private final String partName;
    private final int productId;
    private final int bootloaderVersion;
    private final int[] commands;
    private final long flashBase;
    private final int[] sectorSizes;
    private final long ramBase;
    private final int ramSize;
    private final int ramReservedByBootloader;
    private final long systemMemoryBase;
    private final int systemMemorySize;
    private final long signatureBase;
    private final int signatureSize;
    private final int uidOffset;
    private final int flashSizeOffset;
    private final long optionBytesBase;
    private final int[] defaultOptionBytes;
    private final int rdpOffset;
    private final int rdpComplementOffset;
    private final int rdpLevel0;
    private final int nwrpOffset;
    private final int keySlotSector;

    Stm32Family(String partName, int productId, int bootloaderVersion, int[] commands, long flashBase,
                int[] sectorSizes, long ramBase, int ramSize, int ramReservedByBootloader, long systemMemoryBase,
                int systemMemorySize, long signatureBase, int signatureSize, int uidOffset, int flashSizeOffset,
                long optionBytesBase, int[] defaultOptionBytes, int rdpOffset, int rdpComplementOffset,
                int rdpLevel0, int nwrpOffset, int keySlotSector) {
        this.partName = partName;
        this.productId = productId;
        this.bootloaderVersion = bootloaderVersion;
        this.commands = commands;
        this.flashBase = flashBase;
        this.sectorSizes = sectorSizes;
        this.ramBase = ramBase;
        this.ramSize = ramSize;
        this.ramReservedByBootloader = ramReservedByBootloader;
        this.systemMemoryBase = systemMemoryBase;
        this.systemMemorySize = systemMemorySize;
        this.signatureBase = signatureBase;
        this.signatureSize = signatureSize;
        this.uidOffset = uidOffset;
        this.flashSizeOffset = flashSizeOffset;
        this.optionBytesBase = optionBytesBase;
        this.defaultOptionBytes = defaultOptionBytes;
        this.rdpOffset = rdpOffset;
        this.rdpComplementOffset = rdpComplementOffset;
        this.rdpLevel0 = rdpLevel0;
        this.nwrpOffset = nwrpOffset;
        this.keySlotSector = keySlotSector;
    }

    private static int[] uniform(int count, int size) {
        int[] sizes = new int[count];
        Arrays.fill(sizes, size);
        return sizes;
    }

    private static int[] sectors(int... countSizePairs) {
        IntStream.Builder sizes = IntStream.builder();
        for (int i = 0; i < countSizePairs.length; i += 2) {
            for (int n = 0; n < countSizePairs[i]; n++) {
                sizes.add(countSizePairs[i + 1]);
            }
        }
        return sizes.build().toArray();
    }

    /** The part name as the station reports it, e.g. {@code STM32F4}. */
    public String partName() {
        return partName;
    }

    /** The product id GET_ID answers, e.g. 0x413. */
    public int productId() {
        return productId;
    }

    /** The bootloader version GET and GET_VERSION answer, e.g. 0x31 for v3.1. */
    public int bootloaderVersion() {
        return bootloaderVersion;
    }

    /** The command bytes GET lists, in order. */
    public int[] commands() {
        return commands.clone();
    }

    /** Whether the bootloader implements the command byte. */
    public boolean supports(int command) {
        return Arrays.stream(commands).anyMatch(c -> c == command);
    }

    public long flashBase() {
        return flashBase;
    }

    public int flashSize() {
        return Arrays.stream(sectorSizes).sum();
    }

    /** Number of erase units (sectors or pages). */
    public int sectorCount() {
        return sectorSizes.length;
    }

    public int sectorSize(int sector) {
        return sectorSizes[sector];
    }

    /** Offset of the sector from the flash base. */
    public int sectorOffset(int sector) {
        return Arrays.stream(sectorSizes, 0, sector).sum();
    }

    /** The sector holding the flash offset. */
    public int sectorAt(int flashOffset) {
        int start = 0;
        for (int i = 0; i < sectorSizes.length; i++) {
            start += sectorSizes[i];
            if (flashOffset < start) {
                return i;
            }
        }
        throw new IllegalArgumentException("offset " + flashOffset + " is past the flash of " + partName);
    }

    public long ramBase() {
        return ramBase;
    }

    public int ramSize() {
        return ramSize;
    }

    /** RAM below this offset belongs to the bootloader: WRITE_MEMORY there is refused. */
    public int ramReservedByBootloader() {
        return ramReservedByBootloader;
    }

    public long systemMemoryBase() {
        return systemMemoryBase;
    }

    public int systemMemorySize() {
        return systemMemorySize;
    }

    /** Address of the 96-bit unique ID. */
    public long uidAddress() {
        return signatureBase + uidOffset;
    }

    /** The read-only device electronic signature block (unique ID and flash size register). */
    long signatureBase() {
        return signatureBase;
    }

    int signatureSize() {
        return signatureSize;
    }

    int uidOffset() {
        return uidOffset;
    }

    int flashSizeOffset() {
        return flashSizeOffset;
    }

    public long optionBytesBase() {
        return optionBytesBase;
    }

    /** Bytes of the option-byte area the bootloader reads and writes at {@link #optionBytesBase()}. */
    public int optionBytesSize() {
        return defaultOptionBytes.length;
    }

    /** The option bytes of a fresh part (RDP level 0, nothing write-protected). */
    byte[] defaultOptionBytes() {
        byte[] bytes = new byte[defaultOptionBytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) defaultOptionBytes[i];
        }
        return bytes;
    }

    /** Offset of the RDP byte in the option-byte area. */
    public int rdpOffset() {
        return rdpOffset;
    }

    /** Offset of the RDP complement byte (F1), or -1 where the family has none. */
    int rdpComplementOffset() {
        return rdpComplementOffset;
    }

    /** Offset of the 12-bit nWRP field (F4: bit clear = sector write-protected), or -1. */
    int nwrpOffset() {
        return nwrpOffset;
    }

    /** Whether RDP level 2 (0xCC, debug and bootloader disabled for good) exists: F4 and L4, not F1. */
    public boolean hasReadoutLevel2() {
        return this != F1;
    }

    /** Pages one write-protection bit covers: 4 on the F1 medium density, one sector elsewhere. */
    int writeProtectGroup() {
        return this == F1 ? 4 : 1;
    }

    /** The RDP option byte value of level 0 (0xAA; 0xA5 on F1). */
    public int rdpLevel0() {
        return rdpLevel0;
    }

    /** The readout protection level an RDP option byte value means: 0, 1, or 2 (0xCC, not on F1). */
    public int readoutLevel(int rdp) {
        if ((rdp & 0xFF) == rdpLevel0) {
            return 0;
        }
        return (rdp & 0xFF) == 0xCC && hasReadoutLevel2() ? 2 : 1;
    }

    /** The sector that holds the identity blob (docs/identity-blob.md), where the family has one. */
    public Optional<Integer> keySlotSector() {
        return keySlotSector < 0 ? Optional.empty() : Optional.of(keySlotSector);
    }

    /** Address of the key slot; only for families with one. */
    public long keySlotAddress() {
        return flashBase + sectorOffset(keySlotSector().orElseThrow(
                () -> new IllegalStateException(partName + " has no identity key slot")));
    }

    /** Parses {@code stm32f4} (the simulator's target names). */
    public static Optional<Stm32Family> ofTarget(String target) {
        return Arrays.stream(values())
                .filter(f -> f.partName.equalsIgnoreCase(target))
                .findFirst();
    }
}
