package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** {@code hallmark device plan} in a child JVM against simulated boards on pseudo-terminals. */
class DevicePlanCommandIT {

    private static final byte[] KEK = new byte[32];

    @Test
    void printsThePermanentPlanOfAnF4AndChangesNothing() throws Exception {
        Path dir = HallmarkProcess.freshDir("device-plan");
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE)) {
            byte[] before = bench.device(0).optionBytes();
            HallmarkProcess.Result plan = HallmarkProcess.run(dir, "device", "plan", "--port", bench.device(0).path(),
                    "--level", "permanent");
            assertThat(plan.exit()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("STM32F4 (0x413) on " + bench.device(0).path())
                    .contains("PERMANENT  IRREVERSIBLE").contains("RDP @0x1FFFC001: 0xAA -> 0xCC")
                    .contains("dry run: nothing was written");
            assertThat(bench.device(0).optionBytes()).isEqualTo(before);
            assertThat(bench.device(0).readoutProtectionLevel()).isZero();
        }
    }

    @Test
    void theReadoutPlanIsReversibleAndTheF1RefusesThePermanentOne() throws Exception {
        Path dir = HallmarkProcess.freshDir("device-plan");
        try (SimBench bench = SimBench.start(Stm32Family.F1, 1, KEK, new SecureRandom(), SimTiming.NONE)) {
            String port = bench.device(0).path();
            HallmarkProcess.Result readout = HallmarkProcess.run(dir, "device", "plan", "--port", port, "--level", "readout");
            assertThat(readout.exit()).as(readout.toString()).isZero();
            assertThat(readout.out()).contains("READOUT_PROTECTED  (reversible)").contains("0xA5 -> 0x55");

            bench.device(0).reset();
            HallmarkProcess.Result permanent = HallmarkProcess.run(dir, "device", "plan", "--port", port, "--level",
                    "permanent");
            assertThat(permanent.exit()).as(permanent.toString()).isEqualTo(2);
            assertThat(permanent.err().lines()).hasSize(1).first().asString().contains("HM-308");
        }
    }

    @Test
    void anUnknownLevelIsOneLineAndExit2() throws Exception {
        Path dir = HallmarkProcess.freshDir("device-plan");
        HallmarkProcess.Result bad = HallmarkProcess.run(dir, "device", "plan", "--port", "/dev/null", "--level", "total");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("--level").contains("total");
        assertThat(bad.out()).isEmpty();
    }
}
