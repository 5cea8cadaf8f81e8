package dev.hallmark.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Debian's stm32flash drives the simulated STM32F4 on a pty: probe, UID read, erase + write + read back of the
 * key slot, and readout protection on and off; and, for each of F1, F4 and L4, probe, UID, {@code -j} then a
 * refused read, {@code -k} then erased flash, {@code -u}, and an option-byte write. The board is reset (or
 * replaced) between sessions, as a fixture would; a board already synced would see stm32flash's first 0x7F as
 * a command.
 */
class StmFlashIT {

    private static final byte[] KEK = new byte[32];
    private static SimBench bench;
    private SimulatedStm32 device;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBench() throws Exception {
        assumeTrue(Stm32Flash.installed(), "stm32flash is not installed");
        bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE);
    }

    @AfterAll
    static void stopBench() {
        if (bench != null) {
            bench.close();
        }
    }

    @BeforeEach
    void freshBoard() throws Exception {
        device = bench.replaceDevice(0);
    }

    @Test
    void probeReportsTheF4() throws Exception {
        Stm32Flash.Result probe = Stm32Flash.run(device.path());
        assertThat(probe.exitCode()).as(probe.output()).isZero();
        assertThat(probe.output()).contains("Version      : 0x31").contains("Device ID    : 0x0413");
    }

    @Test
    void readsTheUidAtItsAddress() throws Exception {
        Path uid = dir.resolve("uid.bin");
        Stm32Flash.Result read = Stm32Flash.run(device.path(), "-r", uid.toString(), "-S", "0x1FFF7A10:12");
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(Files.readAllBytes(uid)).isEqualTo(device.uid());
    }

    @Test
    void erasesWritesAndReadsBackTheKeySlot() throws Exception {
        byte[] blob = new byte[700];
        new Random(11).nextBytes(blob);
        Path in = Files.write(dir.resolve("blob.bin"), blob);
        Path out = dir.resolve("back.bin");

        Stm32Flash.Result write = Stm32Flash.run(device.path(), "-w", in.toString(), "-S", "0x080E0000");
        assertThat(write.exitCode()).as(write.output()).isZero();
        assertThat(device.peek(0x080E_0000L, 700)).isEqualTo(blob);

        device.reset();
        Stm32Flash.Result read = Stm32Flash.run(device.path(), "-r", out.toString(), "-S", "0x080E0000:700");
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(blob);
    }

    @Test
    void readoutProtectionRefusesReadsUntilRemoved() throws Exception {
        Path out = dir.resolve("flash.bin");
        Stm32Flash.Result protect = Stm32Flash.run(device.path(), "-j");
        assertThat(protect.exitCode()).as(protect.output()).isZero();
        assertThat(device.readoutProtectionLevel()).isEqualTo(1);

        Stm32Flash.Result read = Stm32Flash.run(device.path(), "-r", out.toString(), "-S", "0x08000000:256");
        assertThat(read.exitCode()).as(read.output()).isNotZero();
        assertThat(read.output()).contains("Device ID    : 0x0413").contains("Failed to read memory");

        device.reset();
        Stm32Flash.Result unprotect = Stm32Flash.run(device.path(), "-k");
        assertThat(unprotect.exitCode()).as(unprotect.output()).isZero();
        assertThat(device.readoutProtectionLevel()).isZero();
        Stm32Flash.Result again = Stm32Flash.run(device.path(), "-r", out.toString(), "-S", "0x08000000:256");
        assertThat(again.exitCode()).as(again.output()).isZero();
    }

    /** One board of the family on its own bench; the bench is closed with the board. */
    private static SimBench board(Stm32Family family) throws Exception {
        return SimBench.start(family, 1, KEK, new SecureRandom(), SimTiming.NONE);
    }

    private static String expectedId(Stm32Family family) {
        return String.format("Device ID    : 0x%04X", family.productId());
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void probesAndReadsTheUidOfEachFamily(Stm32Family family) throws Exception {
        try (SimBench one = board(family)) {
            SimulatedStm32 board = one.device(0);
            Stm32Flash.Result probe = Stm32Flash.run(board.path());
            assertThat(probe.exitCode()).as(probe.output()).isZero();
            assertThat(probe.output()).contains(expectedId(family))
                    .contains(String.format("Version      : 0x%02X", family.bootloaderVersion()));
            board.reset();
            Path uid = dir.resolve("uid-" + family + ".bin");
            Stm32Flash.Result read = Stm32Flash.run(board.path(), "-r", uid.toString(), "-S",
                    String.format("0x%08X:12", family.uidAddress()));
            assertThat(read.exitCode()).as(read.output()).isZero();
            assertThat(Files.readAllBytes(uid)).isEqualTo(board.uid());
        }
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void protectRefusesReadsAndUnprotectLeavesErasedFlash(Stm32Family family) throws Exception {
        try (SimBench one = board(family)) {
            SimulatedStm32 board = one.device(0);
            byte[] data = new byte[64];
            new Random(7).nextBytes(data);
            Path in = Files.write(dir.resolve("data.bin"), data);
            long page = family.flashBase() + family.sectorOffset(1);
            Stm32Flash.Result write = Stm32Flash.run(board.path(), "-w", in.toString(), "-S", String.format("0x%08X", page));
            assertThat(write.exitCode()).as(write.output()).isZero();
            assertThat(board.peek(page, 64)).isEqualTo(data);

            board.reset();
            Stm32Flash.Result protect = Stm32Flash.run(board.path(), "-j");
            assertThat(protect.exitCode()).as(protect.output()).isZero();
            assertThat(board.readoutProtectionLevel()).isOne();
            Stm32Flash.Result refused = Stm32Flash.run(board.path(), "-r", dir.resolve("x.bin").toString(), "-S",
                    String.format("0x%08X:64", page));
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("Failed to read memory");

            board.reset();
            Stm32Flash.Result unprotect = Stm32Flash.run(board.path(), "-k");
            assertThat(unprotect.exitCode()).as(unprotect.output()).isZero();
            assertThat(board.readoutProtectionLevel()).isZero();
            assertThat(board.peek(page, 64)).as("readout unprotect mass-erases").containsOnly(0xFF);
        }
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void writeUnprotectClearsWriteProtection(Stm32Family family) throws Exception {
        try (SimBench one = board(family)) {
            SimulatedStm32 board = one.device(0);
            try (PtyClient client = new PtyClient(board.path())) {
                client.send(0x7F);
                client.send(0x63, 0x9C);
                client.send(0x00, 0x03, 0x03);
                assertThat(client.receive(3)).as("sync, command and sector 3 ACKed").containsOnly(0x79);
            }
            assertThat(board.sectorWriteProtected(3)).isTrue();
            board.reset();
            Stm32Flash.Result unprotect = Stm32Flash.run(board.path(), "-u");
            assertThat(unprotect.exitCode()).as(unprotect.output()).isZero();
            assertThat(board.synced()).as("the device reset after WRITE_UNPROTECT").isFalse();
            assertThat(board.sectorWriteProtected(3)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Stm32Family.class)
    void writesTheOptionBytesAndTheDeviceReloadsThem(Stm32Family family) throws Exception {
        try (SimBench one = board(family)) {
            SimulatedStm32 board = one.device(0);
            byte[] image = board.optionBytes();
            image[family.rdpOffset()] = 0x55;
            if (family == Stm32Family.F1) {
                image[family.rdpOffset() + 1] = (byte) 0xAA;
                image[8] = (byte) 0xFE;
                image[9] = 0x01;
            }
            Path in = Files.write(dir.resolve("options.bin"), image);
            Stm32Flash.Result write = Stm32Flash.run(board.path(), "-w", in.toString(), "-S",
                    String.format("0x%08X", family.optionBytesBase()));
            assertThat(write.exitCode()).as(write.output()).isZero();
            assertThat(board.readoutProtectionLevel()).isOne();
            assertThat(board.optionBytes()).isEqualTo(image);
            if (family == Stm32Family.F1) {
                assertThat(board.sectorWriteProtected(0)).isTrue();
                assertThat(board.sectorWriteProtected(4)).isFalse();
            }
        }
    }

    @Test
    void copesWithABoardLeftSyncedByThePreviousSession() throws Exception {
        assertThat(Stm32Flash.run(device.path()).exitCode()).isZero();
        assertThat(device.synced()).isTrue();
        Stm32Flash.Result second = Stm32Flash.run(device.path());
        assertThat(second.exitCode()).as("0x7F taken as a command, then NACKed: %s", second.output()).isZero();
    }
}
