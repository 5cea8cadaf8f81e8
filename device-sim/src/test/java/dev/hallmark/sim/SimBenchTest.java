package dev.hallmark.sim;

import static dev.hallmark.sim.BootloaderHarness.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The simulator on real ptys, driven byte by byte from the slave side. */
class SimBenchTest {

    private static final byte[] KEK = new byte[32];

    private static SecureRandom seeded(long seed) throws Exception {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(seed);
        return rng;
    }

    @Test
    void answersSyncAndGetIdOnItsPty() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 2, KEK, seeded(1), SimTiming.NONE)) {
            assertThat(bench.devices()).hasSize(2);
            assertThat(bench.paths()).doesNotHaveDuplicates().allMatch(p -> p.startsWith("/dev/pts/"));
            assertThat(bench.device(0).uid()).isNotEqualTo(bench.device(1).uid());
            try (PtyClient client = new PtyClient(bench.device(1).path())) {
                client.send(0x7F);
                assertThat(client.receive(1)).containsExactly(0x79);
                client.send(0x02, 0xFD);
                assertThat(client.receive(5)).containsExactly(0x79, 0x01, 0x04, 0x13, 0x79);
            }
        }
    }

    @Test
    void uidsComeFromTheInjectedRandom() throws Exception {
        byte[] first;
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, seeded(42), SimTiming.NONE)) {
            first = bench.device(0).uid();
        }
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, seeded(42), SimTiming.NONE)) {
            assertThat(bench.device(0).uid()).isEqualTo(first);
        }
    }

    @Test
    void replacingADevicePutsAFreshBoardOnTheSamePath() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, seeded(7), SimTiming.NONE)) {
            SimulatedStm32 old = bench.device(0);
            try (PtyClient client = new PtyClient(old.path())) {
                client.send(0x7F);
                client.send(0x82, 0x7D);
                assertThat(client.receive(3)).containsExactly(0x79, 0x79, 0x79);
            }
            assertThat(old.readoutProtectionLevel()).isEqualTo(1);

            SimulatedStm32 fresh = bench.replaceDevice(0);
            assertThat(bench.device(0)).isSameAs(fresh);
            assertThat(fresh.path()).isEqualTo(old.path());
            assertThat(fresh.uid()).isNotEqualTo(old.uid());
            assertThat(fresh.readoutProtectionLevel()).isZero();
            assertThat(fresh.synced()).isFalse();
            try (PtyClient client = new PtyClient(fresh.path())) {
                client.send(0x7F);
                assertThat(client.receive(1)).containsExactly(0x79);
                client.send(0x11, 0xEE);
                client.send(address(0x1FFF_7A10L));
                client.send(0x0B, 0xF4);
                byte[] answer = client.receive(15);
                assertThat(Arrays.copyOfRange(answer, 3, 15)).isEqualTo(fresh.uid());
            }
        }
    }

    @Test
    void resetMakesTheBootloaderWaitForANewSync() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, seeded(3), SimTiming.NONE);
             PtyClient client = new PtyClient(bench.device(0).path())) {
            client.send(0x7F);
            assertThat(client.receive(1)).containsExactly(0x79);
            bench.device(0).reset();
            client.send(0x02, 0xFD);
            assertThat(client.silentFor(150)).as("commands before the sync are lost").isTrue();
            client.send(0x7F);
            assertThat(client.receive(1)).containsExactly(0x79);
        }
    }

    @Test
    void recoversAnIdentityWrittenThroughThePty() throws Exception {
        try (SimBench bench = SimBench.start(Stm32Family.F4, 1, KEK, seeded(9), SimTiming.NONE)) {
            SimulatedStm32 device = bench.device(0);
            assertThat(device.installedIdentity()).isEmpty();
            KeyPair pair = TestIdentities.p256();
            byte[] blob = TestIdentities.blob(
                    TestIdentities.wrap(pair.getPrivate().getEncoded(), TransportKey.derive(KEK, device.uid()), 0),
                    TestIdentities.selfSignedCertificate(pair));
            byte[] padded = Arrays.copyOf(blob, (blob.length + 3) & ~3);
            Arrays.fill(padded, blob.length, padded.length, (byte) 0xFF);
            try (PtyClient client = new PtyClient(device.path())) {
                client.send(0x7F);
                client.receive(1);
                for (int at = 0; at < padded.length; at += 256) {
                    byte[] chunk = Arrays.copyOfRange(padded, at, Math.min(padded.length, at + 256));
                    client.send(0x31, 0xCE);
                    client.send(address(0x080E_0000L + at));
                    client.send(BootloaderHarness.dataFrame(chunk));
                    assertThat(client.receive(3)).containsExactly(0x79, 0x79, 0x79);
                }
            }
            assertThat(device.installedIdentity()).hasValueSatisfying(identity ->
                    assertThat(identity.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded()));
        }
    }
}
