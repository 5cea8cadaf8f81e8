package dev.hallmark.sim;

import static dev.hallmark.sim.BootloaderHarness.command;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Option-byte writes through WRITE_MEMORY, RDP level 2 silence and the F1's lack of it, per family. */
class OptionBytesProtectionTest {

    private static final byte[] ACK = {0x79};
    private static final byte[] NACK = {0x1F};

    private static byte[] withRdp(BootloaderHarness device, int rdp) {
        Stm32Family family = device.memory.family();
        byte[] image = device.readMemory(family.optionBytesBase(), family.optionBytesSize());
        image[family.rdpOffset()] = (byte) rdp;
        if (family == Stm32Family.F1) {
            image[family.rdpOffset() + 1] = (byte) ~rdp;
        }
        return image;
    }

    @Test
    void rdpLevel2ByOptionWriteSilencesTheF4AndL4ForGood() {
        for (Stm32Family family : new Stm32Family[] {Stm32Family.F4, Stm32Family.L4}) {
            try (BootloaderHarness device = new BootloaderHarness(family)) {
                device.synced();
                byte[] image = withRdp(device, 0xCC);
                assertThat(device.writeMemory(family.optionBytesBase(), image)).as(family.name()).isTrue();
                assertThat(device.bootloader.synced()).as("reset after the option write").isFalse();
                assertThat(device.memory.readoutLevel()).isEqualTo(2);
                assertThat(device.exchange(0x7F)).as("no sync at level 2").isEmpty();
                assertThat(device.exchange(command(0x92))).as("no unprotect at level 2").isEmpty();
                assertThat(device.exchange(0x7F)).isEmpty();
                assertThat(device.memory.readoutLevel()).isEqualTo(2);
            }
        }
    }

    @Test
    void f1TakesRdpCcAsLevel1AndAnswersAfterTheReset() {
        try (BootloaderHarness f1 = new BootloaderHarness(Stm32Family.F1)) {
            f1.synced();
            assertThat(f1.writeMemory(0x1FFF_F800L, withRdp(f1, 0xCC))).isTrue();
            f1.synced();
            assertThat(f1.memory.readoutLevel()).isEqualTo(1);
            assertThat(f1.exchange(command(0x11))).as("reads refused at level 1").containsExactly(NACK);
        }
    }

    @Test
    void f1OptionByteWithBadComplementCountsAsLevel1() {
        try (BootloaderHarness f1 = new BootloaderHarness(Stm32Family.F1)) {
            f1.synced();
            byte[] image = withRdp(f1, 0xA5);
            image[1] = 0x00;
            assertThat(f1.writeMemory(0x1FFF_F800L, image)).isTrue();
            f1.synced();
            assertThat(f1.memory.readoutLevel()).isEqualTo(1);
        }
    }

    @Test
    void optionWriteOfNwrpProtectsF4SectorsAndReadsBack() {
        try (BootloaderHarness f4 = new BootloaderHarness(Stm32Family.F4)) {
            f4.synced();
            byte[] image = f4.readMemory(0x1FFF_C000L, 16);
            image[8] = (byte) 0xFE;
            assertThat(f4.writeMemory(0x1FFF_C000L, image)).isTrue();
            f4.synced();
            assertThat(f4.memory.sectorWriteProtected(0)).isTrue();
            assertThat(f4.memory.sectorWriteProtected(1)).isFalse();
            assertThat(f4.readMemory(0x1FFF_C008L, 2)).containsExactly(0xFE, 0x0F);
            assertThat(f4.writeMemory(0x0800_0000L, new byte[4])).isFalse();
        }
    }

    @Test
    void f1WriteProtectCoversFourPagesPerBit() {
        try (BootloaderHarness f1 = new BootloaderHarness(Stm32Family.F1)) {
            f1.synced();
            assertThat(f1.exchange(command(0x63))).containsExactly(ACK);
            assertThat(f1.exchange(0x00, 0x05, 0x05)).as("protect page 5").containsExactly(ACK);
            f1.synced();
            assertThat(f1.memory.sectorWriteProtected(4)).isTrue();
            assertThat(f1.memory.sectorWriteProtected(7)).isTrue();
            assertThat(f1.memory.sectorWriteProtected(8)).isFalse();
            assertThat(f1.readMemory(0x1FFF_F808L, 2)).containsExactly(0xFD, 0x02);
        }
    }

    @Test
    void flashBitsOnlyClearUntilErasedOnEveryFamily() {
        for (Stm32Family family : Stm32Family.values()) {
            try (BootloaderHarness device = new BootloaderHarness(family)) {
                device.synced();
                long address = family.flashBase() + family.sectorOffset(1);
                device.writeMemory(address, new byte[] {0x0F, 0x0F, 0x0F, 0x0F});
                device.writeMemory(address, new byte[] {(byte) 0xF0, (byte) 0xF0, (byte) 0xF0, (byte) 0xF0});
                assertThat(device.readMemory(address, 4)).as(family.name()).containsOnly(0x00);
            }
        }
    }

    @Test
    void readoutUnprotectThroughOptionBytesAlsoMassErases() {
        try (BootloaderHarness l4 = new BootloaderHarness(Stm32Family.L4)) {
            l4.synced();
            l4.writeMemory(0x0800_0800L, new byte[4]);
            assertThat(l4.exchange(command(0x82))).containsExactly(0x79, 0x79);
            l4.synced();
            assertThat(l4.exchange(command(0x92))).containsExactly(0x79, 0x79);
            l4.synced();
            assertThat(l4.readMemory(0x0800_0800L, 4)).containsOnly(0xFF);
            byte[] options = l4.readMemory(0x1FFF_7800L, 4);
            assertThat(Arrays.copyOf(options, 1)).containsExactly(0xAA);
        }
    }
}
