package dev.hallmark.sim;

import static dev.hallmark.sim.BootloaderHarness.address;
import static dev.hallmark.sim.BootloaderHarness.command;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Stm32BootloaderTest {

    private static final byte[] ACK = {0x79};
    private static final byte[] NACK = {0x1F};
    private static final long KEY_SLOT = 0x080E_0000L;

    private final BootloaderHarness f4 = new BootloaderHarness(Stm32Family.F4);

    @AfterEach
    void switchOff() {
        f4.close();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void ignoresBytesBeforeSyncAndAcksTheSync() {
        assertThat(f4.exchange(0x02, 0xFD)).isEmpty();
        assertThat(f4.exchange(0x7F)).containsExactly(ACK);
        assertThat(f4.bootloader.synced()).isTrue();
    }

    @Test
    void getListsBootloaderVersionAndCommands() {
        f4.synced();
        assertThat(f4.exchange(command(0x00)))
                .containsExactly(hex("79 0B 31 00 01 02 11 21 31 44 63 73 82 92 79"));
    }

    @Test
    void getVersionAndGetIdAnswerAsAnF4() {
        f4.synced();
        assertThat(f4.exchange(command(0x01))).containsExactly(hex("79 31 00 00 79"));
        assertThat(f4.exchange(command(0x02))).containsExactly(hex("79 01 04 13 79"));
    }

    @Test
    void nacksABadComplementAndAnUnsupportedCommand() {
        f4.synced();
        assertThat(f4.exchange(0x02, 0x02)).containsExactly(NACK);
        assertThat(f4.exchange(command(0x43))).as("F4 has no plain ERASE").containsExactly(NACK);
        assertThat(f4.exchange(command(0x02))).containsExactly(hex("79 01 04 13 79"));
    }

    @Test
    void takesASyncByteAfterSyncAsACommandAndNacksTheNextOne() {
        f4.synced();
        assertThat(f4.exchange(0x7F)).as("waits for the complement").isEmpty();
        assertThat(f4.exchange(0x7F)).containsExactly(NACK);
        assertThat(f4.exchange(command(0x02))).containsExactly(hex("79 01 04 13 79"));
    }

    @Test
    void readsTheUidAtTheFamilyAddress() {
        f4.synced();
        assertThat(f4.readMemory(0x1FFF_7A10L, 12)).containsExactly(BootloaderHarness.UID);
    }

    @Test
    void readsOptionBytesWithRdpLevel0AndFlashSizeRegister() {
        f4.synced();
        assertThat(f4.readMemory(0x1FFF_C000L, 16)[1]).isEqualTo((byte) 0xAA);
        assertThat(f4.readMemory(0x1FFF_7A22L, 2)).containsExactly(0x00, 0x04);
    }

    @Test
    void nacksReadsWithBadChecksumUnmappedAddressOrPastTheRegion() {
        f4.synced();
        byte[] badChecksum = address(0x0800_0000L);
        badChecksum[4] ^= 1;
        assertThat(f4.exchange(command(0x11))).containsExactly(ACK);
        assertThat(f4.exchange(badChecksum)).containsExactly(NACK);
        assertThat(f4.readMemory(0x3000_0000L, 4)).isNull();
        assertThat(f4.readMemory(0x1FFF_7A10L, 256)).as("past the signature block").isNull();
        assertThat(f4.readMemory(0x0800_0000L, 256)).hasSize(256).containsOnly(0xFF);
    }

    @Test
    void programsFlashOnlyFromOneToZeroUntilTheSectorIsErased() {
        f4.synced();
        assertThat(f4.writeMemory(KEY_SLOT, new byte[] {0x0F, 0x0F, 0x0F, 0x0F})).isTrue();
        assertThat(f4.writeMemory(KEY_SLOT, new byte[] {(byte) 0xF0, (byte) 0xF3, (byte) 0xF0, (byte) 0xF0})).isTrue();
        assertThat(f4.readMemory(KEY_SLOT, 4)).containsExactly(0x00, 0x03, 0x00, 0x00);

        assertThat(f4.exchange(command(0x44))).containsExactly(ACK);
        assertThat(f4.exchange(hex("00 00 00 0B 0B"))).as("erase sector 11").containsExactly(ACK);
        assertThat(f4.readMemory(KEY_SLOT, 4)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void refusesWritesToTheUidSystemMemoryAndBadFrames() {
        f4.synced();
        assertThat(f4.writeMemory(0x1FFF_7A10L, new byte[4])).isFalse();
        assertThat(f4.writeMemory(0x1FFF_0000L, new byte[4])).isFalse();
        assertThat(f4.writeMemory(KEY_SLOT, new byte[3])).as("not whole words").isFalse();
        byte[] frame = BootloaderHarness.dataFrame(new byte[4]);
        frame[frame.length - 1] ^= 0x55;
        assertThat(f4.exchange(command(0x31))).containsExactly(ACK);
        assertThat(f4.exchange(address(KEY_SLOT))).containsExactly(ACK);
        assertThat(f4.exchange(frame)).as("bad checksum").containsExactly(NACK);
        assertThat(f4.readMemory(KEY_SLOT, 4)).containsOnly(0xFF);
        assertThat(f4.readMemory(0x1FFF_7A10L, 12)).containsExactly(BootloaderHarness.UID);
    }

    @Test
    void extendedEraseChecksSectorNumbersChecksumAndMassErases() {
        f4.synced();
        f4.writeMemory(0x0800_0000L, new byte[4]);
        assertThat(f4.exchange(command(0x44))).containsExactly(ACK);
        assertThat(f4.exchange(hex("00 00 00 0C 0D"))).as("no sector 12").containsExactly(NACK);
        assertThat(f4.exchange(command(0x44))).containsExactly(ACK);
        assertThat(f4.exchange(hex("00 00 00 00 01"))).as("bad checksum").containsExactly(NACK);
        assertThat(f4.readMemory(0x0800_0000L, 4)).containsOnly(0x00);
        assertThat(f4.exchange(command(0x44))).containsExactly(ACK);
        assertThat(f4.exchange(hex("FF FF 00"))).as("mass erase").containsExactly(ACK);
        assertThat(f4.readMemory(0x0800_0000L, 4)).containsOnly(0xFF);
    }

    @Test
    void readoutProtectAcksTwiceResetsAndThenRefusesMemoryCommands() {
        f4.synced();
        f4.writeMemory(KEY_SLOT, new byte[4]);
        assertThat(f4.exchange(command(0x82))).containsExactly(0x79, 0x79);
        assertThat(f4.memory.readoutLevel()).isEqualTo(1);
        assertThat(f4.bootloader.synced()).isFalse();
        assertThat(f4.exchange(command(0x02))).as("not synced after the reset").isEmpty();

        f4.synced();
        assertThat(f4.exchange(command(0x02))).containsExactly(hex("79 01 04 13 79"));
        assertThat(f4.exchange(command(0x00))).startsWith(0x79, 0x0B, 0x31);
        for (int refused : new int[] {0x11, 0x31, 0x44, 0x21, 0x63, 0x73, 0x82}) {
            assertThat(f4.exchange(command(refused))).as("command 0x%02X", refused).containsExactly(NACK);
        }
        assertThat(f4.memory.read(KEY_SLOT, 4)).as("flash kept").containsOnly(0x00);
    }

    @Test
    void readoutUnprotectMassErasesAndReturnsToLevel0() {
        f4.synced();
        f4.writeMemory(KEY_SLOT, new byte[4]);
        f4.exchange(command(0x82));
        f4.synced();
        assertThat(f4.exchange(command(0x92))).containsExactly(0x79, 0x79);
        assertThat(f4.bootloader.synced()).isFalse();
        f4.synced();
        assertThat(f4.memory.readoutLevel()).isZero();
        assertThat(f4.readMemory(KEY_SLOT, 4)).containsOnly(0xFF);
        assertThat(f4.readMemory(0x1FFF_C001L, 1)).containsExactly(0xAA);
    }

    @Test
    void writeProtectedSectorRefusesWritesUntilUnprotected() {
        f4.synced();
        assertThat(f4.exchange(command(0x63))).containsExactly(ACK);
        assertThat(f4.exchange(hex("00 0B 0B"))).as("protect sector 11, then reset").containsExactly(ACK);
        f4.synced();
        assertThat(f4.readMemory(0x1FFF_C008L, 2)).containsExactly(0xFF, 0x07);
        assertThat(f4.writeMemory(KEY_SLOT, new byte[4])).isFalse();
        assertThat(f4.exchange(command(0x73))).containsExactly(0x79, 0x79);
        f4.synced();
        assertThat(f4.writeMemory(KEY_SLOT, new byte[4])).isTrue();
    }

    @Test
    void goAcksTheAddressAndComesBackInTheBootloader() {
        f4.synced();
        assertThat(f4.exchange(command(0x21))).containsExactly(ACK);
        assertThat(f4.exchange(address(0x1FFF_7A10L))).as("not executable").containsExactly(NACK);
        assertThat(f4.exchange(command(0x21))).containsExactly(ACK);
        assertThat(f4.exchange(address(0x0800_0000L))).containsExactly(ACK);
        assertThat(f4.bootloader.synced()).isFalse();
    }

    @Test
    void f1UsesThePlainEraseAndItsOwnUidAddress() {
        try (BootloaderHarness f1 = new BootloaderHarness(Stm32Family.F1)) {
            f1.synced();
            assertThat(f1.exchange(command(0x02))).containsExactly(hex("79 01 04 10 79"));
            assertThat(f1.readMemory(0x1FFF_F7E8L, 12)).containsExactly(BootloaderHarness.UID);
            f1.writeMemory(0x0800_0400L, new byte[4]);
            assertThat(f1.exchange(command(0x43))).containsExactly(ACK);
            assertThat(f1.exchange(hex("00 01 01"))).as("erase page 1").containsExactly(ACK);
            assertThat(f1.readMemory(0x0800_0400L, 4)).containsOnly(0xFF);
            assertThat(f1.exchange(command(0x43))).containsExactly(ACK);
            assertThat(f1.exchange(hex("FF 00"))).as("global erase").containsExactly(ACK);
        }
    }

    @Test
    void chargesWireTimeAndEraseTimeWhenTimed() {
        SimTiming timing = SimTiming.realistic(115_200);
        try (BootloaderHarness timed = new BootloaderHarness(Stm32Family.F4, timing)) {
            timed.synced();
            timed.pauses.clear();
            byte[] data = timed.readMemory(0x0800_0000L, 256);
            assertThat(data).hasSize(256);
            long bytesOnWire = 2 + 1 + 5 + 1 + 2 + 257;
            assertThat(timed.pauses.stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(bytesOnWire * timing.byteNanos());

            timed.pauses.clear();
            timed.exchange(command(0x44));
            timed.exchange(hex("00 00 00 0B 0B"));
            assertThat(timed.pauses).as("128 KiB at 8 ms/KiB").contains(1_024_000_000L);
        }
    }

    @Test
    void memoryPeekSeesFlashWhateverTheProtection() {
        f4.synced();
        f4.writeMemory(KEY_SLOT, new byte[] {1, 2, 3, 4});
        f4.exchange(command(0x82));
        assertThat(f4.memory.read(KEY_SLOT, 4)).containsExactly(1, 2, 3, 4);
        assertThat(f4.memory.readoutLevel()).isEqualTo(1);
    }
}
