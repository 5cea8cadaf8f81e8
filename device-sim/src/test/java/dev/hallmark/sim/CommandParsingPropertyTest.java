package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The simulated bootloader's command parsing under arbitrary input: whatever bytes arrive, it answers only with
 * protocol bytes or stays quiet, never fails, and after the host's 0xFF flush (which fills any half-received
 * frame) it is back in step: a 0x7F gets ACK (after a reset) or NACK, at most one 0x7F later.
 */
class CommandParsingPropertyTest {

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<Byte> biased = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) 0x7F, (byte) 0x11, (byte) 0xEE, (byte) 0x31,
                        (byte) 0xCE, (byte) 0x44, (byte) 0xBB, (byte) 0x43, (byte) 0xBC, (byte) 0x63, (byte) 0x9C)));
        return biased.array(byte[].class).ofMaxSize(600);
    }

    @Property(tries = 150)
    void anyInputLeavesTheBootloaderWorkingAndRecoverable(@ForAll("noise") byte[] input,
                                                          @ForAll Stm32Family family) {
        try (BootloaderHarness device = new BootloaderHarness(family)) {
            device.exchange(0x7F);
            device.exchange(input);
            byte[] filler = new byte[1100];
            Arrays.fill(filler, (byte) 0xFF);
            device.exchange(filler);
            if (device.memory.readoutLevel() == 2) {
                assertThat(device.exchange(0x7F)).as("level 2 is silent").isEmpty();
                return;
            }
            byte[] answer = device.exchange(0x7F);
            if (answer.length == 0) {
                answer = device.exchange(0x7F);
            }
            assertThat(answer).hasSize(1);
            assertThat(answer[0]).isIn((byte) 0x79, (byte) 0x1F);
            assertThat(device.exchange(0x02, 0xFD)).as("GET_ID in step").hasSize(5).startsWith(0x79);
        }
    }

    @Property(tries = 200)
    void commandBytesWithAWrongComplementAreNacked(@ForAll byte command, @ForAll byte complement) {
        if ((command ^ complement) == (byte) 0xFF) {
            return;
        }
        try (BootloaderHarness device = new BootloaderHarness(Stm32Family.F4)) {
            device.synced();
            assertThat(device.exchange(new byte[] {command, complement})).containsExactly(0x1F);
        }
    }

    @Property(tries = 200)
    void aWriteFrameWithABadChecksumChangesNothing(@ForAll @Size(min = 1, max = 64) byte[] data,
                                                   @ForAll byte badChecksumDelta) {
        if (badChecksumDelta == 0) {
            return;
        }
        try (BootloaderHarness device = new BootloaderHarness(Stm32Family.F4)) {
            device.synced();
            byte[] frame = BootloaderHarness.dataFrame(Arrays.copyOf(data, (data.length + 3) & ~3));
            frame[frame.length - 1] ^= badChecksumDelta;
            assertThat(device.exchange(BootloaderHarness.command(0x31))).containsExactly(0x79);
            assertThat(device.exchange(BootloaderHarness.address(0x0800_4000L))).containsExactly(0x79);
            assertThat(device.exchange(frame)).containsExactly(0x1F);
            assertThat(device.memory.read(0x0800_4000L, frame.length - 2)).containsOnly(0xFF);
        }
    }
}
