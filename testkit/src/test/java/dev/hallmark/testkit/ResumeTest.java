package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.CrashHook;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.FakeRevokingIssuer;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Resume after a stop, with fakes: a crash hook throws an Error (nothing in the workflow catches it, as nothing runs
 * after SIGKILL), the injected custody's session key dies with the "process" (a new key store), and the unit is
 * resumed by a new workflow on the same store, issuer and device.
 */
class ResumeTest {

    static final ProductProfile PROFILE = new ProductProfile("test-f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.READOUT_PROTECTED, "T-", "Test Org", Duration.ofDays(365));
    static final Fixture FIXTURE = new Fixture("A", "/dev/fake-a");

    /** Stands for SIGKILL: an Error the workflow does not catch. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    final Clock clock = Clock.systemUTC();
    final FakeBench bench = new FakeBench();
    final FakeRevokingIssuer issuer = new FakeRevokingIssuer(new FakeIssuer(clock));
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final FakeDevice device = FakeDevice.random("STM32F4", new Random(7));

    ResumeTest() {
        bench.put(FIXTURE, device);
    }

    UnitWorkflow station(SoftwareKeyStore keys) throws ProvisioningException {
        return new UnitWorkflow(new StationParts("ST-1", bench, keys, new FakeKeyWrapper(), issuer, store, clock),
                PROFILE, "LOT", UnitListener.none());
    }

    UnitRecord crashAt(Step step, StepStatus status, CrashHook.Side side) throws ProvisioningException {
        UnitWorkflow first = station(new SoftwareKeyStore(new SecureRandom())).crashHook((s, st, sd) -> {
            if (s == step && st == status && sd == side) {
                throw new Killed();
            }
        });
        assertThatThrownBy(() -> first.run(FIXTURE)).isInstanceOf(Killed.class);
        List<UnitRecord> open = store.unfinished("ST-1", "LOT");
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @Test
    void aCertificateWhoseSessionKeyDiedIsRevokedAndANewKeyAndCertificateMadeThenThePassIsSealed() throws Exception {
        UnitRecord unit = crashAt(Step.INSTALL, StepStatus.STARTED, CrashHook.Side.AFTER);
        String lost = unit.certificateSha256();
        assertThat(lost).isNotNull();
        SoftwareKeyStore restarted = new SoftwareKeyStore(new SecureRandom());

        UnitOutcome outcome = station(restarted).resume(FIXTURE, unit);

        assertThat(outcome.result()).isEqualTo(UnitResult.PASS);
        assertThat(outcome.serial()).isEqualTo(unit.serial());
        assertThat(outcome.certificateSha256()).isNotEqualTo(lost);
        assertThat(store.revocations()).containsEntry(lost, RevocationReason.SUPERSEDED).hasSize(1);
        assertThat(issuer.revoked()).hasSize(1).containsValue(RevocationReason.SUPERSEDED);
        assertThat(store.events(unit.id())).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo(Step.KEYGEN);
            assertThat(e.detail()).contains("was lost in the stop", "revoked");
        });
        assertThat(restarted.aliases()).isEmpty();
        assertThat(device.locked()).isTrue();
    }

    @Test
    void aDeviceFoundLockedAtResumeGoesOnToVerifyWithoutLockingAgain() throws Exception {
        UnitRecord unit = crashAt(Step.LOCK, StepStatus.DONE, CrashHook.Side.BEFORE);
        assertThat(device.locked()).isTrue();
        device.failOn(FakeDevice.Operation.LOCK, ErrorCode.DEVICE_NACK);

        UnitOutcome outcome = station(new SoftwareKeyStore(new SecureRandom())).resume(FIXTURE, unit);

        assertThat(outcome.result()).as(outcome.cause()).isEqualTo(UnitResult.PASS);
        assertThat(store.lockEvidence(unit.id()).orElseThrow().locked()).isTrue();
        assertThat(issuer.revoked()).isEmpty();
        assertThat(store.events(unit.id())).anySatisfy(e -> assertThat(e.detail()).contains("found readout-protected"));
    }

    @Test
    void anotherDeviceOnTheFixtureEndsTheUnitFailedWithItsCertificateRevoked() throws Exception {
        UnitRecord unit = crashAt(Step.INSTALL, StepStatus.DONE, CrashHook.Side.AFTER);
        bench.put(FIXTURE, FakeDevice.random("STM32F4", new Random(8)));

        UnitOutcome outcome = station(new SoftwareKeyStore(new SecureRandom())).resume(FIXTURE, unit);

        assertThat(outcome.result()).isEqualTo(UnitResult.FAILED);
        assertThat(outcome.error()).isEqualTo(ErrorCode.INTERRUPTED_DEVICE_CHANGED);
        assertThat(outcome.cause()).contains("revoked");
        assertThat(issuer.revoked()).hasSize(1);
    }

    @Test
    void aCrashBeforeTheClaimResumesIntoTheSameSerialAndPasses() throws Exception {
        UnitRecord unit = crashAt(Step.CLAIM, StepStatus.DONE, CrashHook.Side.BEFORE);

        UnitOutcome outcome = station(new SoftwareKeyStore(new SecureRandom())).resume(FIXTURE, unit);

        assertThat(outcome.result()).isEqualTo(UnitResult.PASS);
        assertThat(outcome.serial()).isEqualTo("T-000001");
        assertThat(store.units("LOT")).hasSize(1);
    }
}
