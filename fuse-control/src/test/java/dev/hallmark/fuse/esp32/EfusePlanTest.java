package dev.hallmark.fuse.esp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import org.junit.jupiter.api.Test;

/** Planning the permanent lock against eFuse maps, before anything is burnt. */
class EfusePlanTest {

    private static EfuseSnapshot map(int[] block0) {
        return EfuseSnapshot.of(block0, new int[6], new int[4]);
    }

    private static EfusePlan plan(int[] block0, boolean requireSecureBoot) throws ProvisioningException {
        return EfusePlan.plan(LockLevel.PERMANENT, map(block0), requireSecureBoot, "/dev/test");
    }

    @Test
    void aFreshChipGetsTheJtagAndDownloadFusesThenTheirWriteProtection() throws Exception {
        EfusePlan plan = plan(new int[6], false);
        assertThat(plan.lines()).containsExactly(
                "phase 1  DIS_PAD_JTAG 0x0 -> 0x1 (JTAG on the pads off for good)",
                "phase 1  DIS_USB_JTAG 0x0 -> 0x1 (USB-Serial-JTAG's JTAG function off)",
                "phase 1  SOFT_DIS_JTAG 0x0 -> 0x7 (JTAG off unless re-enabled by the HMAC peripheral (odd number of bits))",
                "phase 1  DIS_DOWNLOAD_MODE 0x0 -> 0x1 (ROM serial and USB download mode off)",
                "phase 2  WR_DIS[2] 0x0 -> 0x1 (write-protects DIS_PAD_JTAG, DIS_USB_JTAG, SOFT_DIS_JTAG)",
                "phase 2  WR_DIS[18] 0x0 -> 0x1 (write-protects DIS_DOWNLOAD_MODE)",
                "note: SECURE_BOOT_EN left unburnt: no SECURE_BOOT_DIGEST key purpose in KEY0..KEY5 (burning it "
                        + "without a digest would keep the chip from booting)");
        assertThat(plan.dataWords()).containsExactly(0, 0x000F_0200, 0, 0, 1, 0);
        assertThat(plan.protectWords()).containsExactly(1 << 2 | 1 << 18, 0, 0, 0, 0, 0);
        assertThat(plan.irreversible()).isTrue();
    }

    @Test
    void whatIsAlreadyBurntIsNotPlannedAgainAndALockedChipNeedsNothing() throws Exception {
        int[] block0 = new int[6];
        EfusePlan first = plan(block0, false);
        int[] data = first.dataWords();
        int[] protect = first.protectWords();
        for (int i = 0; i < 6; i++) {
            block0[i] = data[i] | protect[i];
        }
        assertThat(plan(block0, false).isEmpty()).isTrue();
    }

    @Test
    void anEvenSoftDisJtagIsCompletedToAllThreeBits() throws Exception {
        int[] block0 = new int[6];
        block0[1] = 0b011 << 16;
        EfusePlan plan = plan(block0, false);
        assertThat(plan.changes()).filteredOn(c -> c.name().equals("SOFT_DIS_JTAG")).singleElement()
                .satisfies(c -> assertThat(c.from()).isEqualTo(3)).satisfies(c -> assertThat(c.to()).isEqualTo(7));
    }

    @Test
    void aNeededFuseAlreadyWriteProtectedUnburntStopsThePlan() {
        int[] block0 = new int[6];
        block0[0] = 1 << 2;
        assertThatThrownBy(() -> plan(block0, false)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_EFUSE_PROTECTED));
    }

    @Test
    void aSecureBootDigestBringsSecureBootAndASecretKeyBringsReadProtection() throws Exception {
        int[] block0 = new int[6];
        block0[2] = 9 << 24 | 4 << 28;
        EfusePlan plan = plan(block0, true);
        assertThat(plan.changes()).extracting(EfusePlan.Change::name)
                .contains("SECURE_BOOT_EN", "RD_DIS", "WR_DIS[0]", "WR_DIS[15]");
        assertThat(plan.changes()).filteredOn(c -> c.name().equals("RD_DIS")).singleElement()
                .satisfies(c -> assertThat(c.to()).isEqualTo(0b10));
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void requiringSecureBootWithoutADigestIsRefusedAndOnlyPermanentExists() {
        assertThatThrownBy(() -> plan(new int[6], true)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_SECURE_BOOT_KEY_MISSING));
        assertThatThrownBy(() -> EfusePlan.plan(LockLevel.READOUT_PROTECTED, map(new int[6]), false, "/dev/test"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_UNSUPPORTED));
    }

    @Test
    void theSnapshotDecodesMacUniqueIdAndRevision() {
        int[] block1 = {0x1844_61BF, 0x3485, 0, 4 << 18, 0, 0};
        int[] block2 = {0x0403_0201, 0x0807_0605, 0x0C0B_0A09, 0x100F_0E0D};
        EfuseSnapshot snapshot = EfuseSnapshot.of(new int[6], block1, block2);
        assertThat(snapshot.macText()).isEqualTo("34:85:18:44:61:bf");
        assertThat(snapshot.uniqueId()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(snapshot.chipRevision()).isEqualTo(0x04);
    }

    private static final byte[] DIGEST = java.util.HexFormat.of().parseHex(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    @Test
    void aProfileDigestGoesIntoTheFirstFreeKeyBlockWithItsPurposeAndProtection() throws Exception {
        int[] block0 = new int[6];
        EfuseField.KEY_PURPOSE_0.orInto(block0, 4);
        int[][] keys = new int[6][8];
        keys[0][0] = 0x1234;
        keys[1][3] = 7;

        EfusePlan plan = EfusePlan.plan(LockLevel.PERMANENT, map(block0), keys, DIGEST, true, "/dev/test");

        assertThat(plan.digestBlock()).as("KEY0 holds an XTS key, KEY1 is not blank").isEqualTo(2);
        assertThat(plan.burnsDigest()).isTrue();
        assertThat(plan.digestWords()).startsWith(0x33221100, 0x77665544);
        assertThat(plan.lines()).contains("phase 1  KEY_PURPOSE_2 0x0 -> 0x9 (purpose of KEY2)",
                "phase 1  SECURE_BOOT_EN 0x0 -> 0x1 (secure boot v2 enforced by the ROM)")
                .anyMatch(l -> l.startsWith("phase 0  KEY2 ") && l.contains("00112233"))
                .anyMatch(l -> l.startsWith("phase 2  WR_DIS[10]") && l.contains("KEY_PURPOSE_2"))
                .anyMatch(l -> l.startsWith("phase 2  WR_DIS[15]") && l.contains("SECURE_BOOT_EN"))
                .anyMatch(l -> l.startsWith("phase 2  WR_DIS[25]") && l.contains("BLOCK_KEY2"));
        assertThat(plan.lines()).noneMatch(l -> l.contains("RD_DIS 0x0 -> 0x4"));
    }

    @Test
    void withoutAFreeKeyBlockTheChipIsRefusedBeforeAnythingIsBurnt() {
        int[][] keys = new int[6][8];
        for (int[] key : keys) {
            key[7] = 1;
        }
        assertThatThrownBy(() -> EfusePlan.plan(LockLevel.PERMANENT, map(new int[6]), keys, DIGEST, true, "/dev/test"))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NO_FREE_KEY_BLOCK));
    }
}
