package dev.hallmark.fuse.esp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockPlan;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.esp32.Esp32c3Bench;
import dev.hallmark.sim.esp32.EspTiming;
import dev.hallmark.sim.esp32.SimulatedEsp32c3;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ESP32-C3 link against simulated chips on real pseudo-terminals, through jSerialComm. */
class EspRomLinkIT {

    private static final byte[] KEK = new byte[32];
    private static final EspLinkFactory FACTORY = new EspLinkFactory(EspLinkOptions.defaults(), Clock.systemUTC());
    private static Esp32c3Bench bench;
    private SimulatedEsp32c3 chip;

    @BeforeAll
    static void startBench() throws Exception {
        new Random(7).nextBytes(KEK);
        bench = Esp32c3Bench.start(1, KEK, new SecureRandom(), EspTiming.NONE);
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @BeforeEach
    void freshChip() throws Exception {
        chip = bench.replaceDevice(0);
    }

    private TargetLink open() throws ProvisioningException {
        return FACTORY.open(new Fixture("fixture-1", chip.path()));
    }

    @Test
    void identifiesTheC3ByItsSecurityInfoAndReadsItsUniqueId() throws Exception {
        try (TargetLink link = open()) {
            DeviceInfo info = link.identify();
            assertThat(info.chipFamily()).isEqualTo("ESP32C3");
            assertThat(info.productId()).isEqualTo(5);
            assertThat(info.bootloaderVersion()).isEqualTo(0x04);
            assertThat(info.uid().bytes()).isEqualTo(chip.uniqueId()).hasSize(16);
            assertThat(info.readoutProtected()).isFalse();
            assertThat(link.readUniqueId()).isEqualTo(info.uid());
        }
    }

    @Test
    void writesTheIdentityToFlashAndVerifiesItByMd5() throws Exception {
        byte[] blob = EspTestBlobs.blobFor(KEK, chip.uniqueId(), "esp-unit-1");
        try (TargetLink link = open()) {
            link.identify();
            link.writeIdentity(blob);
            assertThat(link.readIdentity(blob.length)).isEqualTo(blob);
        }
        assertThat(chip.flash(SimulatedEsp32c3.KEY_SLOT_OFFSET, blob.length)).isEqualTo(blob);
        InstalledIdentity identity = chip.installedIdentity().orElseThrow();
        assertThat(identity.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aWornFlashCellInTheKeySlotFailsTheMd5Comparison() throws Exception {
        byte[] blob = EspTestBlobs.blobFor(KEK, chip.uniqueId(), "esp-unit-2");
        int at = 20;
        while (blob[at] == 0) {
            at++;
        }
        int cell = SimulatedEsp32c3.KEY_SLOT_OFFSET + at;
        int bit = Integer.numberOfTrailingZeros(blob[at] & 0xFF);
        try (TargetLink link = open()) {
            link.writeIdentity(blob);
            chip.wearFlashBit(cell, bit);
            assertThatThrownBy(() -> link.readIdentity(blob.length)).isInstanceOfSatisfying(
                    ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_READBACK_MISMATCH));
        }
    }

    @Test
    void readingBackWhatThisLinkDidNotWriteIsRefusedHonestly() throws Exception {
        try (TargetLink link = open()) {
            assertThatThrownBy(() -> link.readIdentity(100)).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_UNSUPPORTED));
        }
    }

    @Test
    void theDryRunPlansBothPhasesAndBurnsNothing() throws Exception {
        try (EspRomLink link = (EspRomLink) open()) {
            EfusePlan plan = link.planEfuses(LockLevel.PERMANENT);
            assertThat(plan.changes()).extracting(EfusePlan.Change::name).containsExactly(
                    "DIS_PAD_JTAG", "DIS_USB_JTAG", "SOFT_DIS_JTAG", "DIS_DOWNLOAD_MODE", "WR_DIS[2]", "WR_DIS[18]");
            assertThat(plan.notes()).singleElement().asString().contains("SECURE_BOOT_EN left unburnt");
            LockPlan portPlan = link.planLock(LockLevel.PERMANENT);
            assertThat(portPlan.irreversible()).isTrue();
            assertThat(portPlan.changes()).extracting(LockPlan.Change::field).containsExactly(
                    "DIS_PAD_JTAG", "DIS_USB_JTAG", "SOFT_DIS_JTAG", "DIS_DOWNLOAD_MODE", "WR_DIS[2]", "WR_DIS[18]");
            assertThat(portPlan.changes().get(0)).satisfies(c -> {
                assertThat(c.from()).isEqualTo("0x0");
                assertThat(c.to()).isEqualTo("0x1");
                assertThat(c.meaning()).startsWith("phase 1: ");
            });
        }
        assertThat(chip.efuse("DIS_PAD_JTAG")).isZero();
        assertThat(chip.efuse("WR_DIS")).isZero();
    }

    @Test
    void locksPermanentlyAndTheEvidenceShowsBurntFusesAndASilentLoader() throws Exception {
        try (TargetLink link = open()) {
            link.identify();
            link.lockDebug(LockLevel.PERMANENT);
            LockEvidence evidence = link.verifyLocked(LockLevel.PERMANENT);
            assertThat(evidence.locked()).isTrue();
            assertThat(evidence.observations()).contains("DIS_PAD_JTAG = 0x1", "SOFT_DIS_JTAG = 0x7",
                    "DIS_DOWNLOAD_MODE = 0x1", "WR_DIS = 0x00040004");
            assertThat(evidence.observations()).anyMatch(o -> o.contains("no answer (ROM download mode disabled)"));
        }
        assertThat(chip.efuse("DIS_USB_JTAG")).isEqualTo(1);
        assertThat(chip.efuse("SECURE_BOOT_EN")).isZero();
        assertThat(chip.downloadModeAllowed()).isFalse();
        try (TargetLink again = open()) {
            assertThatThrownBy(again::identify).isInstanceOfSatisfying(ProvisioningException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_RESPONDING));
        }
    }

    @Test
    void withASecureBootDigestTheLockAlsoEnablesSecureBootAndProtectsIt() throws Exception {
        chip.burnSecureBootDigest(new byte[32]);
        try (TargetLink link = open()) {
            link.lockDebug(LockLevel.PERMANENT);
            assertThat(link.verifyLocked(LockLevel.PERMANENT).locked()).isTrue();
        }
        assertThat(chip.efuse("SECURE_BOOT_EN")).isEqualTo(1);
        assertThat(chip.efuse("WR_DIS") >> 15 & 1).isEqualTo(1);
    }

    @Test
    void requiringSecureBootWithoutADigestBurnsNothing() throws Exception {
        EspLinkFactory strict = new EspLinkFactory(EspLinkOptions.defaults().withRequireSecureBoot(true),
                Clock.systemUTC());
        try (TargetLink link = strict.open(new Fixture("fixture-1", chip.path()))) {
            assertThatThrownBy(() -> link.lockDebug(LockLevel.PERMANENT)).isInstanceOfSatisfying(
                    ProvisioningException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_SECURE_BOOT_KEY_MISSING));
        }
        assertThat(chip.efuse("DIS_PAD_JTAG")).isZero();
    }

    @Test
    void anUnlockedChipIsNotVerifiedLocked() throws Exception {
        try (TargetLink link = open()) {
            LockEvidence evidence = link.verifyLocked(LockLevel.PERMANENT);
            assertThat(evidence.locked()).isFalse();
            assertThat(evidence.observations()).contains("NOT burnt: DIS_PAD_JTAG")
                    .anyMatch(o -> o.contains("answered (download mode still on)"));
        }
    }

    @Test
    void theReversibleLevelIsRefusedBecauseEfusesCannotBeUnburnt() throws Exception {
        try (TargetLink link = open()) {
            assertThatThrownBy(() -> link.lockDebug(LockLevel.READOUT_PROTECTED)).isInstanceOfSatisfying(
                    ProvisioningException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_UNSUPPORTED));
        }
        assertThat(chip.efuse("WR_DIS")).isZero();
    }
}
