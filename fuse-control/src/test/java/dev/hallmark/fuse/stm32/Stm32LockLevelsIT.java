package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockObservation;
import dev.hallmark.engine.port.LockPlan;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Lock levels, the dry run and the rest of the AN3155 command set through the link, against simulated F1, F4
 * and L4 boards on pseudo-terminals.
 */
class Stm32LockLevelsIT {

    private static final byte[] KEK = new byte[32];
    static final Stm32LinkOptions FAST = Stm32LinkOptions.defaults()
            .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(60));

    private static Stm32BootloaderLink open(SimulatedStm32 device) throws ProvisioningException {
        return Stm32BootloaderLink.open(device.path(), FAST, Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void plansTheReadoutLockWithoutChangingAnything(Stm32Family family) throws Exception {
        try (SimBench bench = SimBench.start(family, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = open(bench.device(0))) {
            byte[] before = bench.device(0).optionBytes();
            LockPlan plan = link.planLock(LockLevel.READOUT_PROTECTED);
            assertThat(plan.irreversible()).isFalse();
            assertThat(plan.changes()).singleElement().satisfies(c -> {
                assertThat(c.from()).isEqualTo(family == Stm32Family.F1 ? "0xA5" : "0xAA");
                assertThat(c.to()).isEqualTo("0x55");
            });
            assertThat(plan.current()).containsEntry("RDP level", "0");
            assertThat(bench.device(0).optionBytes()).isEqualTo(before);
            assertThat(bench.device(0).readoutProtectionLevel()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Stm32Family.class, names = {"F4", "L4"})
    void permanentLockSilencesTheBootloaderAndIsVerifiedAsSuch(Stm32Family family) throws Exception {
        try (SimBench bench = SimBench.start(family, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = open(bench.device(0))) {
            link.identify();
            LockPlan plan = link.planLock(LockLevel.PERMANENT);
            assertThat(plan.irreversible()).isTrue();
            assertThat(plan.changes()).singleElement().extracting(LockPlan.Change::to).isEqualTo("0xCC");

            link.lockDebug(LockLevel.PERMANENT);
            assertThat(bench.device(0).readoutProtectionLevel()).isEqualTo(2);
            LockEvidence evidence = link.verifyLocked(LockLevel.PERMANENT);
            assertThat(evidence.locked()).isTrue();
            assertThat(evidence.details()).extracting(LockObservation::kind)
                    .contains(LockObservation.Kind.BOOTLOADER_SILENT);
        }
    }

    @Test
    void silenceWithoutAnAcknowledgedWriteIsNotCountedAsLocked() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE)) {
            try (Stm32BootloaderLink link = open(bench.device(0))) {
                link.lockDebug(LockLevel.PERMANENT);
            }
            try (Stm32BootloaderLink fresh = open(bench.device(0))) {
                LockEvidence evidence = fresh.verifyLocked(LockLevel.PERMANENT);
                assertThat(evidence.locked()).isFalse();
                assertThat(evidence.observations()).anyMatch(o -> o.contains("cannot be told from a dead device"));
            }
        }
    }

    @Test
    void theF1HasNoPermanentLock() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F1, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = open(bench.device(0))) {
            assertCode(() -> link.planLock(LockLevel.PERMANENT), ErrorCode.DEVICE_LOCK_LEVEL_UNAVAILABLE);
            assertCode(() -> link.lockDebug(LockLevel.PERMANENT), ErrorCode.DEVICE_LOCK_LEVEL_UNAVAILABLE);
            assertThat(bench.device(0).readoutProtectionLevel()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void readoutLockIsVerifiedWithRefusedReadsAndUndoneByAMassErase(Stm32Family family) throws Exception {
        try (SimBench bench = SimBench.start(family, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = open(bench.device(0))) {
            SimulatedStm32 device = bench.device(0);
            link.identify();
            long page = family.flashBase() + family.sectorOffset(2);
            link.readMemory(page, 4);
            link.lockDebug(LockLevel.READOUT_PROTECTED);
            LockEvidence evidence = link.verifyLocked(LockLevel.READOUT_PROTECTED);
            assertThat(evidence.locked()).as(evidence.observations().toString()).isTrue();
            assertThat(evidence.details()).filteredOn(o -> o.kind() == LockObservation.Kind.READ_REFUSED)
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(link.readOptionBytes()).isEmpty();

            link.readoutUnprotect();
            assertThat(device.readoutProtectionLevel()).isZero();
            assertThat(link.readMemory(family.flashBase(), 8)).hasValueSatisfying(
                    bytes -> assertThat(bytes).containsOnly((byte) 0xFF));
        }
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void writeProtectUnprotectAndVersion(Stm32Family family) throws Exception {
        try (SimBench bench = SimBench.start(family, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = open(bench.device(0))) {
            SimulatedStm32 device = bench.device(0);
            assertThat(link.bootloaderVersion()).isEqualTo(family == Stm32Family.F1 ? 0x22 : 0x31);
            link.writeProtect(3);
            assertThat(device.sectorWriteProtected(3)).isTrue();
            link.writeUnprotect();
            assertThat(device.sectorWriteProtected(3)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void optionBytesAreWrittenAsAnImageAndReadBack(Stm32Family family) throws Exception {
        try (SimBench bench = SimBench.start(family, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = open(bench.device(0))) {
            byte[] image = link.readOptionBytes().orElseThrow();
            byte[] changed = image.clone();
            int rdpAt = family.rdpOffset();
            changed[rdpAt] = 0x55;
            if (family == Stm32Family.F1) {
                changed[rdpAt + 1] = (byte) 0xAA;
            }
            link.writeOptionBytes(changed);
            assertThat(bench.device(0).readoutProtectionLevel()).isEqualTo(1);
            assertThat(Arrays.equals(bench.device(0).optionBytes(), changed)).isTrue();
        }
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertCode(Call call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).as(e.oneLine()).isEqualTo(code));
    }
}
