package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.sim.FaultKind;
import dev.hallmark.sim.FaultPlan;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's bounded retries and re-syncs against boards that inject faults: every unit either ends locked and
 * verified, or fails with a device error code; never a hang, never an exception of another kind, never a
 * verified lock on a board that is not locked.
 */
class Stm32FaultsIT {

    private static final Logger log = LoggerFactory.getLogger(Stm32FaultsIT.class);
    private static final byte[] KEK = new byte[32];
    private static final int UNITS = 25;
    private static final Set<ErrorCode> DEVICE_CODES = EnumSet.of(ErrorCode.DEVICE_NOT_RESPONDING,
            ErrorCode.DEVICE_NACK, ErrorCode.DEVICE_PROTOCOL_ERROR, ErrorCode.DEVICE_RETRIES_EXHAUSTED,
            ErrorCode.DEVICE_ALREADY_LOCKED);

    @Test
    void everyUnitEndsLockedAndVerifiedOrFailsWithADeviceCode() throws Exception {
        FaultPlan plan = FaultPlan.parse("rate=0.05,seed=11,stall=400ms");
        int passed = 0;
        int failed = 0;
        int readBackMismatches = 0;
        byte[] blob = new byte[600];
        new Random(3).nextBytes(blob);
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE, plan)) {
            for (int unit = 0; unit < UNITS; unit++) {
                SimulatedStm32 device = unit == 0 ? bench.device(0) : bench.replaceDevice(0);
                try (Stm32BootloaderLink link = Stm32BootloaderLink.open(device.path(), Stm32LockLevelsIT.FAST,
                        Clock.systemUTC())) {
                    assertThat(link.identify().uid()).isEqualTo(DeviceUid.of(device.uid()));
                    link.writeIdentity(blob);
                    if (!Arrays.equals(link.readIdentity(blob.length), blob)) {
                        assertThat(device.peek(0x080E_0000L, blob.length)).as("READ_MEMORY data has no checksum: "
                                + "a corrupted read-back is the wire's fault, the flash holds the blob").isEqualTo(blob);
                        readBackMismatches++;
                        failed++;
                        continue;
                    }
                    link.lockDebug(LockLevel.READOUT_PROTECTED);
                    LockEvidence evidence = link.verifyLocked(LockLevel.READOUT_PROTECTED);
                    assertThat(evidence.locked()).isEqualTo(device.readoutProtectionLevel() == 1);
                    if (evidence.locked()) {
                        passed++;
                    } else {
                        failed++;
                    }
                } catch (ProvisioningException e) {
                    assertThat(e.code()).as(e.oneLine()).isIn(DEVICE_CODES);
                    failed++;
                }
            }
            Map<FaultKind, Long> faults = bench.faultCounts().snapshot();
            log.info("{} units with faults {}: {} passed, {} failed ({} read-back mismatches)", UNITS, faults, passed, failed,
                    readBackMismatches);
            assertThat(bench.faultCounts().total()).isPositive();
            assertThat(passed).as("most faults end in a successful retry").isGreaterThan(failed);
        }
    }
}
