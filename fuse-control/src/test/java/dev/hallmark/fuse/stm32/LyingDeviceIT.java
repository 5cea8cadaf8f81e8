package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockObservation;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 3: a proxy on the serial line swallows READOUT_PROTECT, answers ACK ACK and NACKs every read
 * afterwards, while the simulated device stays at RDP 0. The station's own reads cannot tell; the fresh identify
 * after the lock (WRITE_MEMORY's command byte, which a read-protected bootloader refuses) can, and the evidence
 * carries a CONTRADICTION, which the workflow turns into FAILED with HM-330. Before the fix this evidence said
 * "locked" (the unit PASSed with "lock verified").
 */
class LyingDeviceIT {

    private static final byte[] KEK = new byte[32];

    @Test
    void aProxyThatSwallowsTheLockAndNacksReadsIsCaughtByTheFreshIdentify() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE);
             LyingLineProxy proxy = LyingLineProxy.between(bench.device(0).path());
             Stm32BootloaderLink link = Stm32BootloaderLink.open(proxy.path(), Stm32LockLevelsIT.FAST,
                     Clock.systemUTC())) {
            assertThat(link.identify().readoutProtected()).isFalse();

            link.lockDebug(LockLevel.READOUT_PROTECTED);
            LockEvidence evidence = link.verifyLocked(LockLevel.READOUT_PROTECTED);

            assertThat(proxy.lying()).isTrue();
            assertThat(bench.device(0).readoutProtectionLevel()).as("the device was never locked").isZero();
            assertThat(evidence.details()).filteredOn(o -> o.kind() == LockObservation.Kind.READ_REFUSED
                    && o.request().startsWith("READ_MEMORY")).as("the proxy's NACKs look like a lock").isNotEmpty();
            assertThat(evidence.locked()).as(String.join("\n", evidence.observations())).isFalse();
            assertThat(evidence.details()).extracting(LockObservation::kind)
                    .contains(LockObservation.Kind.CONTRADICTION);
            assertThat(evidence.observations()).anySatisfy(o -> assertThat(o).contains("WRITE_MEMORY", "ACK 0x79"));
        }
    }

    @Test
    void anHonestLockPassesTheFreshIdentify() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE);
             Stm32BootloaderLink link = Stm32BootloaderLink.open(bench.device(0).path(), Stm32LockLevelsIT.FAST,
                     Clock.systemUTC())) {
            link.identify();
            link.lockDebug(LockLevel.READOUT_PROTECTED);
            LockEvidence evidence = link.verifyLocked(LockLevel.READOUT_PROTECTED);

            assertThat(bench.device(0).readoutProtectionLevel()).isEqualTo(1);
            assertThat(evidence.locked()).as(String.join("\n", evidence.observations())).isTrue();
            assertThat(evidence.observations()).anySatisfy(o -> assertThat(o).contains("GET (fresh identify)",
                    "as before the lock"));
            assertThat(evidence.observations()).anySatisfy(o -> assertThat(o).contains("WRITE_MEMORY", "NACK 0x1F"));
        }
    }
}
