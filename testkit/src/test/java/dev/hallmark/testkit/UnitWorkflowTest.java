package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UnitWorkflowTest {

    static final ProductProfile PROFILE = new ProductProfile("test-f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.READOUT_PROTECTED, "T-", "Test Org", Duration.ofDays(365));
    static final Fixture FIXTURE = new Fixture("A", "/dev/fake-a");

    final Random random = new Random(42);
    final Clock clock = Clock.systemUTC();
    final FakeBench bench = new FakeBench();
    final SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
    final FakeIssuer issuer = new FakeIssuer(clock);
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final List<Step> started = new ArrayList<>();
    FakeDevice device;
    UnitWorkflow workflow;

    @BeforeEach
    void setUp() throws ProvisioningException {
        device = FakeDevice.random("STM32F4", random);
        bench.put(FIXTURE, device);
        UnitListener listener = new UnitListener() {
            @Override
            public void stepStarted(String fixtureId, String serial, Step step) {
                started.add(step);
            }
        };
        workflow = new UnitWorkflow(new StationParts("station-1", bench, keys, new FakeKeyWrapper(), issuer, store,
                clock), PROFILE, "LOT-1", listener);
    }

    @Test
    void aGoodDevicePassesThroughEveryStepAndKeepsNoKeyInTheStation() {
        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.result()).isEqualTo(UnitResult.PASS);
        assertThat(outcome.serial()).isEqualTo("T-000001");
        assertThat(started).containsExactly(Step.values());
        assertThat(device.locked()).isTrue();
        assertThat(device.keySlot()).startsWith('H', 'M', 'I', 'D');
        assertThat(keys.aliases()).isEmpty();
        UnitRecord record = store.units("LOT-1").get(0);
        assertThat(record.result()).isEqualTo(UnitResult.PASS);
        assertThat(record.uid()).isEqualTo(device.uid().hex());
        assertThat(record.certificateSha256()).isEqualTo(outcome.certificateSha256());
        assertThat(store.events(record.id())).filteredOn(e -> e.status() == StepStatus.DONE)
                .extracting(e -> e.step()).containsExactly(Step.values());
    }

    @ParameterizedTest
    @EnumSource(value = FakeDevice.Operation.class)
    void aDeviceFaultFailsTheUnitAtItsStepAndNeverPasses(FakeDevice.Operation operation) {
        device.failOn(operation, ErrorCode.DEVICE_NOT_RESPONDING);

        UnitOutcome outcome = workflow.run(FIXTURE);

        Step expected = switch (operation) {
            case IDENTIFY -> Step.IDENTIFY;
            case WRITE, READ -> Step.INSTALL;
            case LOCK -> Step.LOCK;
            case VERIFY -> Step.VERIFY;
        };
        assertThat(outcome.result()).isEqualTo(UnitResult.FAILED);
        assertThat(outcome.failedStep()).isEqualTo(expected);
        assertThat(outcome.error()).isEqualTo(ErrorCode.DEVICE_NOT_RESPONDING);
        assertThat(outcome.cause()).startsWith("HM-301 device:");
        assertThat(store.units(null).get(0).result()).isEqualTo(UnitResult.FAILED);
        assertThat(store.units(null).get(0).failedStep()).isEqualTo(expected.name());
        assertThat(keys.aliases()).as("no device key left in the station").isEmpty();
    }

    @Test
    void aLockThatDoesNotHoldIsNeverPass() {
        device.lockIneffective();

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.result()).isEqualTo(UnitResult.FAILED);
        assertThat(outcome.failedStep()).isEqualTo(Step.VERIFY);
        assertThat(outcome.error()).isEqualTo(ErrorCode.DEVICE_LOCK_NOT_VERIFIED);
    }

    @Test
    void aFreshIdentifyThatContradictsTheLockFailsWithHm330AndKeepsTheEvidence() {
        device.lockContradicted();

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.result()).isEqualTo(UnitResult.FAILED);
        assertThat(outcome.failedStep()).isEqualTo(Step.VERIFY);
        assertThat(outcome.error()).isEqualTo(ErrorCode.DEVICE_LOCK_CONTRADICTED);
    }

    @Test
    void aRequiredWitnessNotHadIsRecordedAsLockNotWitnessedAndNeverPass() {
        device.lockNotWitnessed();

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.result()).isEqualTo(UnitResult.FAILED);
        assertThat(outcome.failedStep()).isEqualTo(Step.VERIFY);
        assertThat(outcome.error()).isEqualTo(ErrorCode.LOCK_NOT_WITNESSED);
    }

    @Test
    void aKeySlotThatReadsBackDifferentlyFailsInstallBeforeTheLock() {
        device.corruptReadBack();

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.failedStep()).isEqualTo(Step.INSTALL);
        assertThat(outcome.error()).isEqualTo(ErrorCode.DEVICE_READBACK_MISMATCH);
        assertThat(device.locked()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = FakeIssuer.Spoil.class, names = {"OTHER_KEY", "NO_SAN", "FOREIGN_CHAIN"})
    void aCertificateThatDoesNotMatchIsRejectedAndNotRecorded(FakeIssuer.Spoil spoil) {
        issuer.spoil(spoil);

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.failedStep()).isEqualTo(Step.ISSUE);
        assertThat(outcome.error()).isEqualTo(ErrorCode.CA_CERTIFICATE_INVALID);
        assertThat(store.units(null).get(0).certificatePem()).isNull();
        assertThat(device.keySlot()).isEmpty();
    }

    @Test
    void aTokenThatCannotSignFailsTheCsr() {
        keys.failNextSign(ErrorCode.HSM_OPERATION_FAILED);

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.failedStep()).isEqualTo(Step.CSR);
        assertThat(outcome.error()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED);
        assertThat(keys.aliases()).isEmpty();
    }

    @Test
    void theSameDeviceCannotBeProvisionedTwice() {
        assertThat(workflow.run(FIXTURE).passed()).isTrue();
        bench.put(FIXTURE, new FakeDevice("STM32F4", device.uid()));

        UnitOutcome second = workflow.run(FIXTURE);

        assertThat(second.failedStep()).isEqualTo(Step.CLAIM);
        assertThat(second.error()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
    }

    @Test
    void aDeviceThatFailedBeforeTheLockCanBeTriedAgainWithANewSerial() {
        device.failOn(FakeDevice.Operation.WRITE, ErrorCode.DEVICE_NACK);
        assertThat(workflow.run(FIXTURE).passed()).isFalse();
        bench.put(FIXTURE, new FakeDevice("STM32F4", device.uid()));

        UnitOutcome retry = workflow.run(FIXTURE);

        assertThat(retry.passed()).isTrue();
        assertThat(retry.serial()).isEqualTo("T-000002");
    }

    @Test
    void anUnpluggedFixtureFailsIdentifyWithTheCause() {
        UnitOutcome outcome = workflow.run(new Fixture("B", "/dev/nothing"));

        assertThat(outcome.failedStep()).isEqualTo(Step.IDENTIFY);
        assertThat(outcome.error()).isEqualTo(ErrorCode.DEVICE_PORT_NOT_FOUND);
        assertThat(outcome.cause()).contains("/dev/nothing");
    }

    @Test
    void anAuditStoreThatCannotWriteStopsTheUnitBeforeAnythingIrreversible() {
        store.failNextWrite(ErrorCode.AUDIT_WRITE_FAILED);

        UnitOutcome outcome = workflow.run(FIXTURE);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.error()).isEqualTo(ErrorCode.AUDIT_WRITE_FAILED);
        assertThat(device.locked()).isFalse();
    }
}
