package dev.hallmark.sim;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The memory of one simulated STM32: flash (bits go only 1 to 0 until the sector is erased), RAM, read-only
 * system memory, the electronic signature with the unique ID, and the option bytes with the readout protection
 * (RDP) byte and write-protected sectors. Thread-safe: the bootloader thread and test code share it.
 */
final class Stm32Memory {

    private static final int RDP_LEVEL_1 = 0x55;

    private final Stm32Family family;
    private final byte[] uid;
    private final byte[] flash;
    private final byte[] ram;
    private final BitSet writeProtected = new BitSet();
    private byte[] options;
    private int rdp;

    Stm32Memory(Stm32Family family, byte[] uid) {
        if (uid.length != Stm32Family.UID_LENGTH) {
            throw new IllegalArgumentException("an STM32 UID has 12 bytes, not " + uid.length);
        }
        this.family = family;
        this.uid = uid.clone();
        this.flash = new byte[family.flashSize()];
        this.ram = new byte[family.ramSize()];
        Arrays.fill(flash, (byte) 0xFF);
        this.options = family.defaultOptionBytes();
        this.rdp = family.rdpLevel0();
    }

    Stm32Family family() {
        return family;
    }

    byte[] uid() {
        return uid.clone();
    }

    /** The bytes at the address, or null unless the whole range lies in one readable region. */
    synchronized byte[] read(long address, int length) {
        if (length <= 0) {
            return null;
        }
        if (inside(address, length, family.flashBase(), flash.length)) {
            return slice(flash, address - family.flashBase(), length);
        }
        if (inside(address, length, family.ramBase(), ram.length)) {
            return slice(ram, address - family.ramBase(), length);
        }
        if (inside(address, length, family.signatureBase(), family.signatureSize())) {
            return slice(signature(), address - family.signatureBase(), length);
        }
        if (inside(address, length, family.systemMemoryBase(), family.systemMemorySize())) {
            return new byte[length];
        }
        if (inside(address, length, family.optionBytesBase(), options.length)) {
            return slice(optionBytes(), address - family.optionBytesBase(), length);
        }
        return null;
    }

    /** Whether a READ_MEMORY may start at the address. */
    boolean readable(long address) {
        return read(address, 1) != null;
    }

    /** The option bytes as read at the family's option-byte address. */
    synchronized byte[] optionBytes() {
        return OptionBytes.encode(family, options, rdp, writeProtected);
    }

    /** Whether the range lies in the option-byte area (a write there reprograms them and resets the part). */
    boolean inOptionBytes(long address, int length) {
        return inside(address, Math.max(length, 1), family.optionBytesBase(), family.optionBytesSize());
    }

    /**
     * Programs option bytes as the bootloader does for a WRITE_MEMORY to their area: the bytes written replace
     * those of the image, then RDP and write protection are reloaded from it. Level 2 cannot be left, and the
     * image is not changed there. Returns false, changing nothing, for a range outside the area.
     */
    synchronized boolean writeOptionBytes(long address, byte[] data) {
        if (!inOptionBytes(address, data.length) || readoutLevel() == 2) {
            return false;
        }
        byte[] image = optionBytes();
        System.arraycopy(data, 0, image, (int) (address - family.optionBytesBase()), data.length);
        int newRdp = OptionBytes.rdp(family, image);
        boolean regression = family.readoutLevel(rdp) == 1 && family.readoutLevel(newRdp) == 0;
        options = image;
        rdp = newRdp;
        BitSet protection = OptionBytes.writeProtection(family, image);
        if (protection != null) {
            writeProtected.clear();
            writeProtected.or(protection);
        }
        if (regression) {
            eraseAfterRegression();
        }
        return true;
    }

    /** Whether WRITE_MEMORY may start at the address (flash, option bytes or the RAM not used by the bootloader). */
    boolean writable(long address) {
        return inOptionBytes(address, 1)
                || inside(address, 1, family.flashBase(), flash.length)
                || inside(address, 1, family.ramBase() + family.ramReservedByBootloader(),
                          ram.length - family.ramReservedByBootloader());
    }

    /**
     * Programs flash (each bit can only be cleared; word-aligned, whole words, no write-protected sector) or
     * writes RAM. Returns false, changing nothing, where a real part would fail the command.
     */
    synchronized boolean write(long address, byte[] data) {
        if (inside(address, data.length, family.flashBase(), flash.length)) {
            int offset = (int) (address - family.flashBase());
            if (offset % 4 != 0 || data.length % 4 != 0 || touchesProtected(offset, data.length)) {
                return false;
            }
            for (int i = 0; i < data.length; i++) {
                flash[offset + i] &= data[i];
            }
            return true;
        }
        long ramWritable = family.ramBase() + family.ramReservedByBootloader();
        if (inside(address, data.length, ramWritable, ram.length - family.ramReservedByBootloader())) {
            System.arraycopy(data, 0, ram, (int) (address - family.ramBase()), data.length);
            return true;
        }
        return false;
    }

    private boolean touchesProtected(int offset, int length) {
        for (int s = family.sectorAt(offset); s <= family.sectorAt(offset + length - 1); s++) {
            if (writeProtected.get(s)) {
                return true;
            }
        }
        return false;
    }

    /** Erases the sectors (pages); false, changing nothing, if one does not exist or is write-protected. */
    synchronized boolean eraseSectors(int[] sectors) {
        for (int s : sectors) {
            if (s < 0 || s >= family.sectorCount() || writeProtected.get(s)) {
                return false;
            }
        }
        for (int s : sectors) {
            int offset = family.sectorOffset(s);
            Arrays.fill(flash, offset, offset + family.sectorSize(s), (byte) 0xFF);
        }
        return true;
    }

    /** Number of bytes the sectors span, for erase timing. */
    long sizeOf(int[] sectors) {
        long bytes = 0;
        for (int s : sectors) {
            bytes += s >= 0 && s < family.sectorCount() ? family.sectorSize(s) : 0;
        }
        return bytes;
    }

    /** Erases the whole flash; false if any sector is write-protected. */
    synchronized boolean massErase() {
        if (!writeProtected.isEmpty()) {
            return false;
        }
        Arrays.fill(flash, (byte) 0xFF);
        return true;
    }

    /** The readout protection level the RDP option byte means. */
    synchronized int readoutLevel() {
        return family.readoutLevel(rdp);
    }

    /** Sets RDP level 1 (READOUT_PROTECT); level 2 stays. */
    synchronized void protectReadout() {
        if (readoutLevel() < 2) {
            rdp = RDP_LEVEL_1;
        }
    }

    /**
     * Mass-erases the flash, clears write protection and sets RDP level 0 (READOUT_UNPROTECT, an RDP regression);
     * level 2 cannot be left.
     */
    synchronized void unprotectReadout() {
        if (readoutLevel() == 2) {
            return;
        }
        writeProtected.clear();
        eraseAfterRegression();
        rdp = family.rdpLevel0();
    }

    private void eraseAfterRegression() {
        Arrays.fill(flash, (byte) 0xFF);
        Arrays.fill(ram, (byte) 0);
    }

    /** Write-protects the sectors (WRITE_PROTECT); false, changing nothing, if one does not exist. */
    synchronized boolean protectSectors(int[] sectors) {
        for (int s : sectors) {
            if (s < 0 || s >= family.sectorCount()) {
                return false;
            }
        }
        int group = family.writeProtectGroup();
        for (int s : sectors) {
            int first = s / group * group;
            writeProtected.set(first, Math.min(first + group, family.sectorCount()));
        }
        return true;
    }

    /** Clears all write protection (WRITE_UNPROTECT). */
    synchronized void unprotectSectors() {
        writeProtected.clear();
    }

    synchronized boolean sectorWriteProtected(int sector) {
        return writeProtected.get(sector);
    }

    private byte[] signature() {
        byte[] sig = new byte[family.signatureSize()];
        Arrays.fill(sig, (byte) 0xFF);
        System.arraycopy(uid, 0, sig, family.uidOffset(), uid.length);
        int kib = flash.length / 1024;
        sig[family.flashSizeOffset()] = (byte) kib;
        sig[family.flashSizeOffset() + 1] = (byte) (kib >> 8);
        return sig;
    }

    private static boolean inside(long address, int length, long base, int size) {
        return address >= base && length >= 0 && address + length <= base + size;
    }

    private static byte[] slice(byte[] source, long offset, int length) {
        return Arrays.copyOfRange(source, (int) offset, (int) offset + length);
    }
}
