package dev.hallmark.fuse.swd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.LockObservation;
import dev.hallmark.engine.port.LockObservation.Kind;
import dev.hallmark.fuse.swd.OpenOcdWitness.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The debug-probe witness without a probe: its command line, the parsing of OpenOCD's output (samples written
 * after OpenOCD 0.12's messages; no probe or real STM32 was attached here) and how the witness changes the
 * evidence where the profile requires it.
 */
class OpenOcdWitnessTest {

    private static final ProbeSettings STLINK = new ProbeSettings(null, "interface/stlink.cfg", "target/stm32f4x.cfg",
            "0670FF49", ProbeSettings.STM32_FLASH, Duration.ofSeconds(5));

    @Test
    void theCommandLineIsBuiltFromTheSettingsOnly() {
        assertThat(new OpenOcdWitness(STLINK).command()).containsExactly("openocd", "-f", "interface/stlink.cfg",
                "-c", "adapter serial 0670FF49", "-f", "target/stm32f4x.cfg", "-c", "init", "-c",
                "mdw 0x08000000 4", "-c", "shutdown");
        assertThatThrownBy(() -> new ProbeSettings(null, "interface/stlink.cfg; rm -rf /", "t", null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("rm -rf");
    }

    @Test
    void wordsReadBackContradictTheLock() {
        String open = """
                Info : STLINK V2J37S7 (API v2) VID:PID 0483:3748
                Info : stm32f4x.cpu: Cortex-M4 r0p1 processor detected
                0x08000000: 20020000 080001c1 080001c9 080001cb\s
                shutdown command invoked
                """;
        assertThat(OpenOcdWitness.parse(open, ProbeSettings.STM32_FLASH)).isEqualTo(Verdict.READ);
    }

    @Test
    void aFailedFlashReadIsTheLockSeenFromTheDebugPort() {
        String refused = """
                Info : stm32f4x.cpu: Cortex-M4 r0p1 processor detected
                Error: Failed to read memory at 0x08000000
                """;
        assertThat(OpenOcdWitness.parse(refused, ProbeSettings.STM32_FLASH)).isEqualTo(Verdict.REFUSED);
        assertThat(OpenOcdWitness.parse("Error: JTAG-DP STICKY ERROR\nerror reading target @ 0x08000000\n",
                ProbeSettings.STM32_FLASH)).isEqualTo(Verdict.REFUSED);
    }

    @Test
    void noProbeOrNoTargetIsNoConclusion() {
        assertThat(OpenOcdWitness.parse("Error: open failed\nin procedure 'init'\n", ProbeSettings.STM32_FLASH))
                .isEqualTo(Verdict.NO_ANSWER);
        assertThat(OpenOcdWitness.parse("Error: init mode failed (unable to connect to the target)\n",
                ProbeSettings.STM32_FLASH)).isEqualTo(Verdict.NO_ANSWER);
        assertThat(OpenOcdWitness.parse("", ProbeSettings.STM32_FLASH)).isEqualTo(Verdict.NO_ANSWER);
        assertThat(OpenOcdWitness.parse("0x08000400: 00000000\n", ProbeSettings.STM32_FLASH))
                .as("another address's words").isEqualTo(Verdict.NO_ANSWER);
    }

    @Test
    void anOpenOcdThatIsNotInstalledLeavesTheLockNotWitnessed() {
        ProbeSettings missing = new ProbeSettings("/nonexistent/openocd", "interface/stlink.cfg",
                "target/stm32f4x.cfg", null, ProbeSettings.STM32_FLASH, Duration.ofSeconds(5));
        LockObservation seen = new OpenOcdWitness(missing).witness();
        assertThat(seen.kind()).isEqualTo(Kind.WITNESS);
        assertThat(seen.locked()).isFalse();
        assertThat(seen.response()).startsWith("lock not witnessed");
    }

    @Test
    void aRequiredWitnessThatIsMissingNeverLetsTheEvidenceHold() {
        LockEvidence serial = LockEvidence.of(LockLevel.READOUT_PROTECTED, true, List.of(
                new LockObservation(Kind.READ_REFUSED, "READ_MEMORY 0x08000000", "NACK 0x1F", true)));
        LockObservation refused = new LockObservation(Kind.WITNESS, "SWD", "flash read refused", true);
        LockObservation read = new LockObservation(Kind.CONTRADICTION, "SWD", "words read", false);

        WitnessedLinks required = new WitnessedLinks(f -> null, Map.of("F1", STLINK), true, p -> refused);
        assertThat(required.witnessed(serial, "F1", STLINK).locked()).isTrue();
        assertThat(required.witnessed(serial, "F2", null).locked()).isFalse();
        assertThat(required.witnessed(serial, "F2", null).observations()).last().asString()
                .contains("lock not witnessed", "no debug probe");

        WitnessedLinks optional = new WitnessedLinks(f -> null, Map.of(), false, p -> read);
        assertThat(optional.witnessed(serial, "F1", STLINK).locked()).as("a probe that reads flash").isFalse();
        assertThat(optional.witnessed(serial, "F2", null).locked()).as("no probe, not required").isTrue();
        assertThat(new Fixture("F1", "/dev/null").id()).isEqualTo("F1");
    }
}
