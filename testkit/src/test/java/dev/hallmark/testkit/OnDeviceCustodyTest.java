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
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.workflow.RetryPolicy;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeDeviceTokens;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** On-device custody: the key is born in the device's token and the certificate stored beside it. */
class OnDeviceCustodyTest {

    static final ProductProfile TPM_PROFILE = new ProductProfile("tpm-f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.ON_DEVICE, LockLevel.READOUT_PROTECTED, "TPM-", "Test Org", Duration.ofDays(365));
    static final Fixture FIXTURE = new Fixture("A", "/dev/fake-a");

    final Clock clock = Clock.systemUTC();
    final FakeBench bench = new FakeBench();
    final FakeDevice device = FakeDevice.random("STM32F4", new Random(11));
    final SoftwareKeyStore stationKeys = new SoftwareKeyStore(new SecureRandom());
    final FakeDeviceTokens deviceTokens = new FakeDeviceTokens();
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final FakeIssuer issuer = new FakeIssuer(clock);

    UnitWorkflow workflow() throws ProvisioningException {
        bench.put(FIXTURE, device);
        return new UnitWorkflow(new StationParts("s1", bench, stationKeys, new FakeKeyWrapper(), issuer,
                store, clock, deviceTokens), TPM_PROFILE, "LOT", UnitListener.none(), RetryPolicy.never());
    }

    @Test
    void theKeyIsBornInTheDeviceTokenAndTheCertificateStoredBesideIt() throws ProvisioningException {
        UnitOutcome outcome = workflow().run(FIXTURE);

        assertThat(outcome.passed()).as(String.valueOf(outcome)).isTrue();
        SoftwareKeyStore tpm = deviceTokens.token(FIXTURE);
        String alias = "dev-" + device.uid().hex();
        assertThat(tpm.aliases()).containsExactly(alias);
        assertThat(Pem.sha256(tpm.certificate(alias).orElseThrow())).isEqualTo(outcome.certificateSha256());
        assertThat(stationKeys.aliases()).as("nothing of the device key in the station").isEmpty();
        assertThat(device.keySlot()).as("no key travels over the bootloader").isEmpty();
        assertThat(device.locked()).isTrue();
        assertThat(deviceTokens.allClosed()).isTrue();
        assertThat(store.events(1).stream().filter(e -> e.step() == Step.KEYGEN && e.detail() != null))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("device token fake TPM at A"));
    }

    @Test
    void aRetryAfterAFailureReusesTheKeyLeftInTheDevice() throws ProvisioningException {
        issuer.spoil(FakeIssuer.Spoil.REFUSE);
        UnitWorkflow workflow = workflow();
        assertThat(workflow.run(FIXTURE).failedStep()).isEqualTo(Step.ISSUE);
        issuer.spoil(FakeIssuer.Spoil.NONE);

        UnitOutcome retry = workflow.run(FIXTURE);

        assertThat(retry.passed()).as(String.valueOf(retry)).isTrue();
        assertThat(deviceTokens.token(FIXTURE).aliases()).containsExactly("dev-" + device.uid().hex());
        assertThat(store.events(2).stream().filter(e -> e.step() == Step.KEYGEN && e.detail() != null))
                .singleElement().satisfies(e -> assertThat(e.detail()).startsWith("reused "));
        assertThat(deviceTokens.allClosed()).isTrue();
    }

    @Test
    void anOnDeviceProfileWithoutDeviceTokensIsRefusedBeforeAnyUnit() {
        Assertions.assertThatThrownBy(() -> new UnitWorkflow(new StationParts("s1", bench, stationKeys,
                        new FakeKeyWrapper(), new FakeIssuer(clock), store, clock), TPM_PROFILE, "LOT", UnitListener.none()))
                .isInstanceOfSatisfying(ProvisioningException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void aMissingDeviceTokenFailsKeygen() throws ProvisioningException {
        deviceTokens.absent(true);

        UnitOutcome outcome = workflow().run(FIXTURE);

        assertThat(outcome.failedStep()).isEqualTo(Step.KEYGEN);
        assertThat(outcome.error()).isEqualTo(ErrorCode.HSM_TOKEN_NOT_FOUND);
        assertThat(device.locked()).isFalse();
    }
}
