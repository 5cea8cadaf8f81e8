package dev.hallmark.fuse.esp32;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.ArrayList;
import java.util.List;

/**
 * The eFuse burns a lock level needs, planned against a chip's current eFuse map before anything is burnt: phase 1
 * the data fuses, phase 2 the WR_DIS bits that freeze them (burnt last, as espefuse does, because a write-protected
 * field can no longer be burnt). Nothing already burnt is planned again; a field the lock needs that is
 * write-protected in another state makes planning fail, so nothing irreversible starts. This is the dry run.
 */
public final class EfusePlan {

    /** One planned change; {@code name} is a field or {@code WR_DIS[n]}. */
    public record Change(String name, long from, long to, int phase, String reason) {
        /** One line for the operator, e.g. {@code phase 1  DIS_PAD_JTAG 0 -> 1 (JTAG on the pads off for good)}. */
        public String line() {
            return String.format("phase %d  %s 0x%X -> 0x%X (%s)", phase, name, from, to, reason);
        }
    }

    static final int DIGEST = 0;
    static final int DATA = 1;
    static final int PROTECT = 2;
    private static final int SOFT_DIS_JTAG_ALL = 0b111;
    private static final int FIRST_DIGEST_PURPOSE = 9;
    private static final int LAST_DIGEST_PURPOSE = 11;
    private static final int FIRST_SECRET_PURPOSE = 4;
    private static final int LAST_SECRET_PURPOSE = 8;

    private final LockLevel level;
    private final List<Change> changes;
    private final List<String> notes;
    private final int[] dataWords;
    private final int[] protectWords;
    private final int digestBlock;
    private final int[] digestWords;

    private EfusePlan(LockLevel level, List<Change> changes, List<String> notes, int[] dataWords, int[] protectWords,
                      int digestBlock, int[] digestWords) {
        this.level = level;
        this.changes = List.copyOf(changes);
        this.notes = List.copyOf(notes);
        this.dataWords = dataWords;
        this.protectWords = protectWords;
        this.digestBlock = digestBlock;
        this.digestWords = digestWords;
    }

    /**
     * Plans the level against the chip's map. Only {@link LockLevel#PERMANENT} exists on an ESP32-C3: an eFuse is
     * never unburnt, so no reversible level can be offered.
     */
    static EfusePlan plan(LockLevel level, EfuseSnapshot map, boolean requireSecureBoot, String port)
            throws ProvisioningException {
        return plan(level, map, null, null, requireSecureBoot, port);
    }

    /**
     * Plans the level and, with a profile's secure boot key {@code digest} (32 bytes; {@code keyBlocks} the six key
     * blocks as read), its burn: into a key block that already holds it with a digest purpose, else into the first
     * free key block (purpose USER, all zero, not protected) in phase 0, with KEY_PURPOSE = SECURE_BOOT_DIGEST0 in
     * phase 1 and the block and its purpose write-protected in phase 2 (digest blocks stay readable).
     */
    static EfusePlan plan(LockLevel level, EfuseSnapshot map, int[][] keyBlocks, byte[] digest,
                          boolean requireSecureBoot, String port) throws ProvisioningException {
        requirePermanent(level, port);
        Builder b = new Builder(map, port);
        int digestBlock = -1;
        int[] digestWords = null;
        if (digest != null) {
            digestWords = digestWords(digest);
            digestBlock = SecureBootKeyBlock.choose(map, keyBlocks, digestWords, port);
            if (!java.util.Arrays.equals(keyBlocks[digestBlock], digestWords)) {
                b.changes.add(new Change("KEY" + digestBlock, 0, 1, DIGEST, "secure boot key digest "
                        + java.util.HexFormat.of().formatHex(digest) + " burnt into BLOCK_KEY" + digestBlock));
            }
            b.want(EfuseField.KEY_PURPOSES[digestBlock], FIRST_DIGEST_PURPOSE);
            b.protectBlock(SecureBootKeyBlock.wrDisBitOfKeyBlock(digestBlock), "BLOCK_KEY" + digestBlock
                    + " (secure boot digest, readable, write-protected)");
        }
        b.want(EfuseField.DIS_PAD_JTAG, 1);
        b.want(EfuseField.DIS_USB_JTAG, 1);
        b.want(EfuseField.SOFT_DIS_JTAG, SOFT_DIS_JTAG_ALL);
        b.want(EfuseField.DIS_DOWNLOAD_MODE, 1);
        int[] purposes = map.keyPurposes();
        boolean hasDigest = digestBlock >= 0;
        long readProtect = 0;
        for (int k = 0; k < purposes.length; k++) {
            hasDigest |= purposes[k] >= FIRST_DIGEST_PURPOSE && purposes[k] <= LAST_DIGEST_PURPOSE;
            if (purposes[k] >= FIRST_SECRET_PURPOSE && purposes[k] <= LAST_SECRET_PURPOSE) {
                readProtect |= 1L << k;
            }
        }
        if (hasDigest) {
            b.want(EfuseField.SECURE_BOOT_EN, 1);
        } else if (requireSecureBoot) {
            throw new ProvisioningException(ErrorCode.DEVICE_SECURE_BOOT_KEY_MISSING, "The ESP32-C3 on " + port
                    + " has no secure boot key digest in KEY0..KEY5, so secure boot cannot be enabled.",
                    "KEY_PURPOSE " + java.util.Arrays.toString(purposes), null);
        } else {
            b.notes.add("SECURE_BOOT_EN left unburnt: no SECURE_BOOT_DIGEST key purpose in KEY0..KEY5 "
                    + "(burning it without a digest would keep the chip from booting)");
        }
        if (readProtect != 0) {
            b.want(EfuseField.RD_DIS, readProtect);
        }
        b.protectWhatWasWanted();
        return new EfusePlan(level, b.changes, b.notes, b.dataWords, b.protectWords, digestBlock, digestWords);
    }

    /** The digest as the eight words of a key block (byte i in word i/4, bits 8*(i%4)). */
    static int[] digestWords(byte[] digest) {
        int[] words = new int[8];
        for (int i = 0; i < 32; i++) {
            words[i / 4] |= (digest[i] & 0xFF) << (8 * (i % 4));
        }
        return words;
    }

    /** The key block the secure boot digest is (or will be) in, or -1 when the plan has no digest. */
    int digestBlock() {
        return digestBlock;
    }

    /** Whether phase 0 burns the digest into {@link #digestBlock()}. */
    boolean burnsDigest() {
        return !phase(DIGEST).isEmpty();
    }

    /** The digest's eight words. */
    int[] digestWords() {
        return digestWords == null ? null : digestWords.clone();
    }

    /** Refuses every level but PERMANENT: an eFuse is never unburnt, so nothing reversible can be offered. */
    static void requirePermanent(LockLevel level, String port) throws ProvisioningException {
        if (level != LockLevel.PERMANENT) {
            throw new ProvisioningException(ErrorCode.DEVICE_UNSUPPORTED, "The ESP32-C3 on " + port + " can only be "
                    + "locked PERMANENT: eFuses cannot be unburnt.", "LockLevel." + level, null);
        }
    }

    public LockLevel level() {
        return level;
    }

    /** The planned burns, phase 1 first. */
    public List<Change> changes() {
        return changes;
    }

    /** What the plan deliberately leaves, and why. */
    public List<String> notes() {
        return notes;
    }

    /** True if the chip is already locked to the level: nothing to burn. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Every eFuse burn is irreversible. */
    public boolean irreversible() {
        return !changes.isEmpty();
    }

    /** The plan as lines for a dry run: changes, then notes. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add(c.line()));
        notes.forEach(n -> lines.add("note: " + n));
        return lines;
    }

    /** BLOCK0 bits to burn in phase 1 (word 0, WR_DIS, is empty). */
    int[] dataWords() {
        return dataWords.clone();
    }

    /** BLOCK0 bits to burn in phase 2 (only word 0, WR_DIS). */
    int[] protectWords() {
        return protectWords.clone();
    }

    /** The changes of one phase. */
    List<Change> phase(int phase) {
        return changes.stream().filter(c -> c.phase() == phase).toList();
    }

    private static final class Builder {
        private final EfuseSnapshot map;
        private final String port;
        private final List<Change> changes = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<EfuseField> wanted = new ArrayList<>();
        private final java.util.Map<Integer, String> blockProtects = new java.util.TreeMap<>();
        private final int[] dataWords = new int[6];
        private final int[] protectWords = new int[6];

        Builder(EfuseSnapshot map, String port) {
            this.map = map;
            this.port = port;
        }

        void want(EfuseField field, long bits) throws ProvisioningException {
            wanted.add(field);
            long current = map.value(field);
            long target = current | bits;
            if (target == current) {
                return;
            }
            if (map.writeProtected(field.wrDisBit())) {
                throw new ProvisioningException(ErrorCode.DEVICE_EFUSE_PROTECTED, "The ESP32-C3 on " + port
                        + " has " + field + " write-protected at 0x" + Long.toHexString(current)
                        + ", so the lock cannot be completed.", "WR_DIS bit " + field.wrDisBit() + " is burnt", null);
            }
            field.orInto(dataWords, target & ~current);
            changes.add(new Change(field.name(), current, target, DATA, field.meaning()));
        }

        void protectBlock(int bit, String covers) {
            blockProtects.put(bit, covers);
        }

        void protectWhatWasWanted() {
            java.util.SortedSet<Integer> bits = new java.util.TreeSet<>();
            wanted.forEach(f -> bits.add(f.wrDisBit()));
            bits.addAll(blockProtects.keySet());
            for (int bit : bits) {
                if (!map.writeProtected(bit)) {
                    protectWords[0] |= 1 << bit;
                    List<String> names = new ArrayList<>(wanted.stream().filter(f -> f.wrDisBit() == bit)
                            .map(Enum::name).toList());
                    if (blockProtects.containsKey(bit)) {
                        names.add(blockProtects.get(bit));
                    }
                    String covers = String.join(", ", names);
                    changes.add(new Change("WR_DIS[" + bit + "]", 0, 1, PROTECT, "write-protects " + covers));
                }
            }
        }
    }
}
