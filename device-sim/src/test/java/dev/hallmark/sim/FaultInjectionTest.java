package dev.hallmark.sim;

import static dev.hallmark.sim.BootloaderHarness.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seeded fault injection: reproducible streams, faults at a given command, and what each kind does to a reply. */
class FaultInjectionTest {

    private static final int GET_ID = 0x02;

    private static byte[] transcript(FaultPlan plan, long seed, int commands) {
        FaultCounts counts = new FaultCounts();
        try (BootloaderHarness device = new BootloaderHarness(Stm32Family.F4, SimTiming.NONE,
                new FaultInjector(plan, seed, counts))) {
            device.synced();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < commands; i++) {
                all.writeBytes(device.exchange(command(GET_ID)));
                all.write('|');
            }
            return all.toByteArray();
        }
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
        FaultPlan plan = FaultPlan.parse("rate=0.3,kinds=drop+corrupt+nack,seed=5");
        byte[] first = transcript(plan, 1, 200);
        assertThat(transcript(plan, 1, 200)).isEqualTo(first);
        assertThat(transcript(plan, 2, 200)).isNotEqualTo(first);
        byte[] clean = transcript(FaultPlan.NONE, 1, 200);
        assertThat(first).isNotEqualTo(clean);
    }

    @Test
    void aFaultAtAGivenCommandHitsThatCommandOnly() {
        FaultPlan plan = FaultPlan.parse("at=1:nack+2:drop");
        FaultCounts counts = new FaultCounts();
        try (BootloaderHarness device = new BootloaderHarness(Stm32Family.F4, SimTiming.NONE,
                new FaultInjector(plan, 0, counts))) {
            device.synced();
            assertThat(device.exchange(command(GET_ID))).hasSize(5);
            assertThat(device.exchange(command(GET_ID))).as("command 1 NACKed").containsExactly(0x1F);
            assertThat(device.exchange(command(GET_ID))).as("command 2's reply frame dropped").isEmpty();
            assertThat(device.exchange(command(GET_ID))).hasSize(5);
        }
        assertThat(counts.count(FaultKind.NACK)).isOne();
        assertThat(counts.count(FaultKind.DROP)).isOne();
        assertThat(counts.total()).isEqualTo(2);
    }

    @Test
    void corruptFlipsOneBitAndStallWaitsTheStallTime() {
        FaultPlan plan = new FaultPlan(0, 0, EnumSet.allOf(FaultKind.class),
                Map.of(0, FaultKind.CORRUPT, 1, FaultKind.STALL), Duration.ofMillis(250));
        try (BootloaderHarness device = new BootloaderHarness(Stm32Family.F4, SimTiming.NONE,
                new FaultInjector(plan, 3, new FaultCounts()))) {
            device.synced();
            byte[] corrupted = device.exchange(command(GET_ID));
            byte[] clean = {0x79, 0x01, 0x04, 0x13, 0x79};
            int flipped = 0;
            for (int i = 0; i < clean.length; i++) {
                flipped += Integer.bitCount((corrupted[i] ^ clean[i]) & 0xFF);
            }
            assertThat(flipped).isOne();
            device.exchange(command(GET_ID));
            assertThat(device.pauses).contains(250_000_000L);
        }
    }

    @Test
    void disconnectSilencesTheBoard() throws Exception {
        FaultInjector injector = new FaultInjector(FaultPlan.parse("at=1:disconnect"), 0, new FaultCounts());
        ScriptedLine wire = new ScriptedLine();
        FaultyLine line = new FaultyLine(wire, injector, nanos -> { });
        assertThat(injector.beginCommand()).isNull();
        line.write(new byte[] {0x79});
        assertThat(injector.beginCommand()).isEqualTo(FaultKind.DISCONNECT);
        line.write(new byte[] {0x79});
        assertThat(wire.takeOutput()).containsExactly(0x79);
        wire.feed(new byte[] {0x7F});
        assertThatThrownBy(line::read).isInstanceOf(LineClosedException.class);
    }

    @Test
    void theRateIsRoughlyHeld() {
        FaultCounts counts = new FaultCounts();
        FaultInjector injector = new FaultInjector(FaultPlan.parse("rate=0.05,kinds=nack"), 9, counts);
        for (int i = 0; i < 10_000; i++) {
            injector.beginCommand();
        }
        assertThat(counts.count(FaultKind.NACK)).isBetween(400L, 600L);
    }

    @Test
    void badSpecificationsAreNamed() {
        assertThatThrownBy(() -> FaultPlan.parse("rate=2")).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> FaultPlan.parse("kinds=smoke")).hasMessageContaining("unknown fault kind smoke");
        assertThatThrownBy(() -> FaultPlan.parse("colour=red")).hasMessageContaining("unknown fault setting colour");
        assertThatThrownBy(() -> FaultPlan.parse("at=3")).hasMessageContaining("12:drop");
    }
}
