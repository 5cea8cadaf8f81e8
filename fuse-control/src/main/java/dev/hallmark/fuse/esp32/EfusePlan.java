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

    private EfusePlan(LockLevel level, List<Change> changes, List<String> notes, int[] dataWords, int[] protectWords) {
        this.level = level;
        this.changes = List.copyOf(changes);
        this.notes = List.copyOf(notes);
        this.dataWords = dataWords;
        this.protectWords = protectWords;
    }

    /**
     * Plans the level against the chip's map. Only {@link LockLevel#PERMANENT} exists on an ESP32-C3: an eFuse is
     * never unburnt, so no reversible level can be offered.
     */
    static EfusePlan plan(LockLevel level, EfuseSnapshot map, boolean requireSecureBoot, String port)
            throws ProvisioningException {
        requirePermanent(level, port);
        Builder b = new Builder(map, port);
        b.want(EfuseField.DIS_PAD_JTAG, 1);
        b.want(EfuseField.DIS_USB_JTAG, 1);
        b.want(EfuseField.SOFT_DIS_JTAG, SOFT_DIS_JTAG_ALL);
        b.want(EfuseField.DIS_DOWNLOAD_MODE, 1);
        int[] purposes = map.keyPurposes();
        boolean digest = false;
        long readProtect = 0;
        for (int k = 0; k < purposes.length; k++) {
            digest |= purposes[k] >= FIRST_DIGEST_PURPOSE && purposes[k] <= LAST_DIGEST_PURPOSE;
            if (purposes[k] >= FIRST_SECRET_PURPOSE && purposes[k] <= LAST_SECRET_PURPOSE) {
                readProtect |= 1L << k;
            }
        }
        if (digest) {
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
        return new EfusePlan(level, b.changes, b.notes, b.dataWords, b.protectWords);
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

        void protectWhatWasWanted() {
            java.util.SortedSet<Integer> bits = new java.util.TreeSet<>();
            wanted.forEach(f -> bits.add(f.wrDisBit()));
            for (int bit : bits) {
                if (!map.writeProtected(bit)) {
                    protectWords[0] |= 1 << bit;
                    String covers = String.join(", ", wanted.stream().filter(f -> f.wrDisBit() == bit)
                            .map(Enum::name).toList());
                    changes.add(new Change("WR_DIS[" + bit + "]", 0, 1, PROTECT, "write-protects " + covers));
                }
            }
        }
    }
}
