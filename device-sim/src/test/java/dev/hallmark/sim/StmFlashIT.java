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

/**
 * Debian's stm32flash drives the simulated STM32F4 on a pty: probe, UID read, erase + write + read back of the
 * key slot, and readout protection on and off. The board is reset (or replaced) between sessions, as a fixture
 * would; a board already synced would see stm32flash's first 0x7F as a command.
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

    @Test
    void copesWithABoardLeftSyncedByThePreviousSession() throws Exception {
        assertThat(Stm32Flash.run(device.path()).exitCode()).isZero();
        assertThat(device.synced()).isTrue();
        Stm32Flash.Result second = Stm32Flash.run(device.path());
        assertThat(second.exitCode()).as("0x7F taken as a command, then NACKed: %s", second.output()).isZero();
    }
}
