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
import dev.hallmark.engine.api.SubjectTemplate;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.workflow.RetryPolicy;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.FakeRevokingIssuer;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.MutableClock;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the engine does with the CA: waits while it is unreachable, rejects what does not fit, revokes what a failed unit leaves. */
class CaBehaviourTest {

    static final Fixture FIXTURE = new Fixture("A", "/dev/fake-a");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    final FakeIssuer fakeIssuer = new FakeIssuer(clock);
    final FakeRevokingIssuer revokingIssuer = new FakeRevokingIssuer(fakeIssuer);
    final FakeBench bench = new FakeBench();
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final List<Duration> waits = new ArrayList<>();
    final List<Duration> slept = new ArrayList<>();
    FakeDevice device = FakeDevice.random("STM32F4", new Random(3));

    UnitWorkflow workflow(CertificateIssuer issuer, Duration giveUpAfter) throws ProvisioningException {
        return workflow(issuer, giveUpAfter, UnitWorkflowTest.PROFILE);
    }

    UnitWorkflow workflow(CertificateIssuer issuer, Duration giveUpAfter, ProductProfile profile)
            throws ProvisioningException {
        bench.put(FIXTURE, device);
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), giveUpAfter, d -> {
            slept.add(d);
            clock.advance(d);
        });
        UnitListener listener = new UnitListener() {
            @Override
            public void stepWaiting(String fixtureId, String serial, Step step, String reason, Duration retryIn) {
                assertThat(step).isEqualTo(Step.ISSUE);
                assertThat(reason).startsWith("HM-401 CA:");
                waits.add(retryIn);
            }
        };
        return new UnitWorkflow(new StationParts("s1", bench, new SoftwareKeyStore(new SecureRandom()),
                new FakeKeyWrapper(), issuer, store, clock), profile, "LOT", listener, policy);
    }

    @Test
    void anUnreachableCaIsWaitedForWithAGrowingVisibleBackOffAndTheUnitResumes() throws ProvisioningException {
        fakeIssuer.unreachableFor(5);

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ofMinutes(10)).run(FIXTURE);

        assertThat(outcome.passed()).as(String.valueOf(outcome)).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(slept).isEqualTo(waits);
        assertThat(fakeIssuer.issued()).as("issued once, not once per attempt").hasSize(1);
    }

    @Test
    void theWaitIsBoundedAndTheUnitFailsWithTheCause() throws ProvisioningException {
        fakeIssuer.spoil(FakeIssuer.Spoil.UNREACHABLE);

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ofSeconds(20)).run(FIXTURE);

        assertThat(outcome.failedStep()).isEqualTo(Step.ISSUE);
        assertThat(outcome.error()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        assertThat(slept.stream().mapToLong(Duration::toSeconds).sum()).isLessThanOrEqualTo(20);
        assertThat(device.keySlot()).isEmpty();
    }

    @Test
    void aProfileWithNoWellDefinedExpiryWantsNotAfter9999() throws ProvisioningException {
        ProductProfile lifelong = new ProductProfile("lifelong", "STM32F4", KeySpec.EC_P256, KeyCustody.INJECTED,
                LockLevel.READOUT_PROTECTED, "L-", "Test Org", ProductProfile.NO_WELL_DEFINED_EXPIRY);

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ZERO, lifelong).run(FIXTURE);

        assertThat(outcome.passed()).as(String.valueOf(outcome)).isTrue();
        assertThat(fakeIssuer.issued().get(0).getNotAfter().toInstant()).isEqualTo(ProductProfile.END_OF_TIME);
    }

    @Test
    void theSubjectFollowsTheProfilesTemplateWithProductAndLot() throws ProvisioningException {
        ProductProfile templated = new ProductProfile("sensor-f4", "STM32F4", KeySpec.EC_P256, KeyCustody.INJECTED,
                LockLevel.READOUT_PROTECTED, "S-", "Acme, Inc.", Duration.ofDays(365),
                new SubjectTemplate("CN={serial}, serialNumber={serial}, OU={product}, OU=lot {lot}, O={organization}"));

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ZERO, templated).run(FIXTURE);

        assertThat(outcome.passed()).as(String.valueOf(outcome)).isTrue();
        assertThat(fakeIssuer.issued().get(0).getSubjectX500Principal().getName())
                .isEqualTo("CN=S-000001,2.5.4.5=#1308532d303030303031,OU=sensor-f4,OU=lot LOT,O=Acme\\, Inc.");
    }

    @Test
    void aTemplateThatIsNoNameIsRefusedBeforeTheFirstUnit() {
        ProductProfile broken = new ProductProfile("x", "STM32F4", KeySpec.EC_P256, KeyCustody.INJECTED,
                LockLevel.READOUT_PROTECTED, "S-", "Org", Duration.ofDays(365), new SubjectTemplate("{serial}"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workflow(fakeIssuer, Duration.ZERO, broken))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void aCaRefusalIsNotRetried() throws ProvisioningException {
        fakeIssuer.spoil(FakeIssuer.Spoil.REFUSE);

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ofMinutes(10)).run(FIXTURE);

        assertThat(outcome.error()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
        assertThat(waits).isEmpty();
    }

    @Test
    void aCertificateWhoseValidityDoesNotMatchTheProfileIsRejected() throws ProvisioningException {
        fakeIssuer.spoil(FakeIssuer.Spoil.WRONG_VALIDITY);

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ZERO).run(FIXTURE);

        assertThat(outcome.error()).isEqualTo(ErrorCode.CA_CERTIFICATE_INVALID);
        assertThat(outcome.cause()).contains("the profile asks for 365 days");
    }

    @Test
    void theCertificateOfAUnitThatFailsAfterIssueIsRevokedAndTheRecordSaysSo() throws ProvisioningException {
        device.failOn(FakeDevice.Operation.LOCK, ErrorCode.DEVICE_NACK);

        UnitOutcome outcome = workflow(revokingIssuer, Duration.ZERO).run(FIXTURE);

        assertThat(outcome.failedStep()).isEqualTo(Step.LOCK);
        assertThat(revokingIssuer.revoked()).containsOnlyKeys(fakeIssuer.issued().get(0).getSerialNumber())
                .containsValue(RevocationReason.CESSATION_OF_OPERATION);
        assertThat(outcome.cause()).contains("certificate " + outcome.certificateSha256()).endsWith(" revoked");
        assertThat(store.units(null).get(0).cause()).isEqualTo(outcome.cause());
        assertThat(store.revocations()).as("the revocation is recorded with the unit")
                .containsExactly(java.util.Map.entry(outcome.certificateSha256(), RevocationReason.CESSATION_OF_OPERATION));
    }

    @Test
    void aCertificateTheEngineRejectsIsRevokedAtTheCaAndNotRecorded() throws ProvisioningException {
        fakeIssuer.spoil(FakeIssuer.Spoil.NO_SAN);

        UnitOutcome outcome = workflow(revokingIssuer, Duration.ZERO).run(FIXTURE);

        assertThat(outcome.error()).isEqualTo(ErrorCode.CA_CERTIFICATE_INVALID);
        assertThat(revokingIssuer.revoked()).containsOnlyKeys(fakeIssuer.issued().get(0).getSerialNumber());
        assertThat(outcome.cause()).contains("lacks the URI SAN", "; rejected certificate").contains(" revoked");
        assertThat(store.units(null).get(0).certificatePem()).isNull();
    }

    @Test
    void anIssuerThatCannotRevokeLeavesAPlainInstructionInTheRecord() throws ProvisioningException {
        device.failOn(FakeDevice.Operation.WRITE, ErrorCode.DEVICE_NACK);

        UnitOutcome outcome = workflow(fakeIssuer, Duration.ZERO).run(FIXTURE);

        assertThat(outcome.cause()).endsWith("must be revoked at the CA");
    }
}
