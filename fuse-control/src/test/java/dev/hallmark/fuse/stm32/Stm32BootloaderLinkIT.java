package dev.hallmark.fuse.stm32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceInfo;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.TargetLink;
import dev.hallmark.sim.InstalledIdentity;
import dev.hallmark.sim.Pty;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.SimulatedStm32;
import dev.hallmark.sim.Stm32Family;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link against simulated STM32F4 boards on real pseudo-terminals, through jSerialComm. */
class Stm32BootloaderLinkIT {

    private static final byte[] KEK = new byte[32];
    private static final Stm32LinkFactory FACTORY =
            new Stm32LinkFactory(Stm32LinkOptions.defaults(), Clock.systemUTC());
    private static SimBench bench;
    private SimulatedStm32 device;

    @BeforeAll
    static void startBench() throws Exception {
        new Random(5).nextBytes(KEK);
        bench = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), SimTiming.NONE);
    }

    @AfterAll
    static void stopBench() {
        bench.close();
    }

    @BeforeEach
    void freshBoard() throws Exception {
        device = bench.replaceDevice(0);
    }

    private TargetLink open() throws ProvisioningException {
        return FACTORY.open(new Fixture("fixture-1", device.path()));
    }

    @Test
    void identifiesTheF4AndReadsItsUid() throws Exception {
        try (TargetLink link = open()) {
            DeviceInfo info = link.identify();
            assertThat(info.chipFamily()).isEqualTo("STM32F4");
            assertThat(info.productId()).isEqualTo(0x413);
            assertThat(info.bootloaderVersion()).isEqualTo(0x31);
            assertThat(info.uid()).isEqualTo(DeviceUid.of(device.uid()));
            assertThat(info.readoutProtected()).isFalse();
            assertThat(link.readUniqueId()).isEqualTo(DeviceUid.of(device.uid()));
        }
    }

    @Test
    void identifiesABoardLeftSyncedByAnEarlierSession() throws Exception {
        try (TargetLink first = open()) {
            first.identify();
        }
        assertThat(device.synced()).isTrue();
        try (TargetLink second = open()) {
            assertThat(second.identify().uid()).isEqualTo(DeviceUid.of(device.uid()));
        }
    }

    @Test
    void writesAndReadsBackA700ByteBlob() throws Exception {
        byte[] blob = new byte[700];
        new Random(1).nextBytes(blob);
        try (TargetLink link = open()) {
            link.identify();
            link.writeIdentity(blob);
            assertThat(link.readIdentity(700)).isEqualTo(blob);
        }
        assertThat(device.peek(0x080E_0000L, 704)).startsWith(blob).endsWith(0xFF, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void rewritingTheSlotErasesItFirst() throws Exception {
        byte[] first = new byte[300];
        byte[] second = new byte[300];
        new Random(2).nextBytes(first);
        new Random(3).nextBytes(second);
        try (TargetLink link = open()) {
            link.writeIdentity(first);
            link.writeIdentity(second);
            assertThat(link.readIdentity(300)).isEqualTo(second);
        }
    }

    @Test
    void locksVerifiesAndThenSeesTheDeviceProtected() throws Exception {
        try (TargetLink link = open()) {
            link.identify();
            link.writeIdentity(new byte[] {1, 2, 3, 4, 5});
            link.lockDebug(LockLevel.READOUT_PROTECTED);
            assertThat(device.readoutProtectionLevel()).isEqualTo(1);

            LockEvidence evidence = link.verifyLocked(LockLevel.READOUT_PROTECTED);
            assertThat(evidence.locked()).isTrue();
            assertThat(evidence.level()).isEqualTo(LockLevel.READOUT_PROTECTED);
            assertThat(evidence.observations()).contains("SYNC 0x7F after the reset -> ACK 0x79",
                    "GET_ID -> 0x0413 (STM32F4)",
                    "READ_MEMORY 0x08000000 -> NACK 0x1F", "READ_MEMORY 0x080E0000 -> NACK 0x1F");

            DeviceInfo after = link.identify();
            assertThat(after.readoutProtected()).isTrue();
            assertThat(after.uid()).isNull();
            assertThat(after.productId()).isEqualTo(0x413);
            assertThatThrownBy(() -> link.readIdentity(5)).isInstanceOf(ProvisioningException.class)
                    .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.DEVICE_ALREADY_LOCKED);
            link.lockDebug(LockLevel.READOUT_PROTECTED);
        }
        device.reset();
        try (TargetLink fresh = open()) {
            LockEvidence evidence = fresh.verifyLocked(LockLevel.READOUT_PROTECTED);
            assertThat(evidence.locked()).isTrue();
            assertThat(evidence.observations()).first().isEqualTo("SYNC 0x7F -> ACK 0x79");
        }
    }

    @Test
    void verifyReportsAnUnlockedDeviceAsNotLocked() throws Exception {
        try (TargetLink link = open()) {
            LockEvidence evidence = link.verifyLocked(LockLevel.READOUT_PROTECTED);
            assertThat(evidence.locked()).isFalse();
            assertThat(evidence.observations()).contains("READ_MEMORY 0x08000000 -> ACK, 4 bytes read");
        }
    }

    @Test
    void locksADeviceThatIsDeafForAWhileAfterItsReset() throws Exception {
        SimTiming slowReset = new SimTiming(0, false, Duration.ZERO, Duration.ZERO, Duration.ofMillis(200));
        try (SimBench slow = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), slowReset);
             TargetLink link = FACTORY.open(new Fixture("slow", slow.device(0).path()))) {
            link.identify();
            link.lockDebug(LockLevel.READOUT_PROTECTED);
            assertThat(link.verifyLocked(LockLevel.READOUT_PROTECTED).locked()).isTrue();
        }
    }

    @Test
    void runsTheWholeSequenceAtRealisticTiming() throws Exception {
        byte[] blob = new byte[700];
        new Random(4).nextBytes(blob);
        SimTiming realistic = SimTiming.realistic(115_200);
        try (SimBench timed = SimBench.start(Stm32Family.F4, 1, KEK, new SecureRandom(), realistic);
             TargetLink link = FACTORY.open(new Fixture("timed", timed.device(0).path()))) {
            assertThat(link.identify().uid().bytes()).isEqualTo(timed.device(0).uid());
            link.writeIdentity(blob);
            assertThat(link.readIdentity(blob.length)).isEqualTo(blob);
            link.lockDebug(LockLevel.READOUT_PROTECTED);
            assertThat(link.verifyLocked(LockLevel.READOUT_PROTECTED).locked()).isTrue();
        }
    }

    @Test
    void aMissingPortIsReportedByItsPath() {
        String missing = "/dev/pts/hallmark-no-such-port";
        assertThatThrownBy(() -> FACTORY.open(new Fixture("fixture-9", missing)))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_PORT_NOT_FOUND);
                    assertThat(e.getMessage()).contains(missing);
                });
    }

    @Test
    void aPtyNobodyServesIsNotRespondingWithinSeconds() throws Exception {
        try (Pty silent = Pty.open(); TargetLink link = FACTORY.open(new Fixture("fixture-2", silent.path()))) {
            long start = System.nanoTime();
            assertThatThrownBy(link::identify).isInstanceOfSatisfying(ProvisioningException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_RESPONDING);
                assertThat(e.getMessage()).contains(silent.path());
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void unknownProductIdAndGarbageAreReported() throws Exception {
        try (ScriptedResponder odd = new ScriptedResponder(TestDevices::unknownProduct);
             TargetLink link = FACTORY.open(new Fixture("odd", odd.path()))) {
            assertCode(link::identify, ErrorCode.DEVICE_UNSUPPORTED);
        }
        try (ScriptedResponder noisy = new ScriptedResponder(request -> new byte[] {0x55});
             TargetLink link = FACTORY.open(new Fixture("noisy", noisy.path()))) {
            assertCode(link::identify, ErrorCode.DEVICE_PROTOCOL_ERROR);
        }
    }

    @Test
    void theDeviceRecoversAnIdentityWrittenThroughTheLink() throws Exception {
        KeyPair pair = TestIdentityBlobs.p256();
        byte[] certificate = TestIdentityBlobs.certificate(pair, "unit-0001");
        byte[] wrapped = TestIdentityBlobs.wrap(pair.getPrivate().getEncoded(),
                TestIdentityBlobs.transportKey(KEK, device.uid()));
        byte[] blob = TestIdentityBlobs.blob(wrapped, certificate);
        try (TargetLink link = open()) {
            DeviceInfo info = link.identify();
            assertThat(info.uid().bytes()).isEqualTo(device.uid());
            link.writeIdentity(blob);
            assertThat(link.readIdentity(blob.length)).isEqualTo(blob);
        }
        InstalledIdentity identity = device.installedIdentity().orElseThrow();
        assertThat(identity.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(identity.certificateDer()).isEqualTo(certificate);
    }

    @Test
    void anF1IsIdentifiedButHasNoKeySlotYet() throws Exception {
        try (SimBench f1 = SimBench.start(Stm32Family.F1, 1, KEK, new SecureRandom(), SimTiming.NONE);
             TargetLink link = FACTORY.open(new Fixture("f1", f1.device(0).path()))) {
            DeviceInfo info = link.identify();
            assertThat(info.chipFamily()).isEqualTo("STM32F1");
            assertThat(info.uid().bytes()).isEqualTo(f1.device(0).uid());
            assertCode(() -> link.writeIdentity(new byte[16]), ErrorCode.DEVICE_UNSUPPORTED);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertCode(Call call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).as(e.oneLine()).isEqualTo(code));
    }
}
