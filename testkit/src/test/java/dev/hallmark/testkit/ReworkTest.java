package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.CrlPublisher;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.ReadoutUnprotect;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.Revoker;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.rework.Rework;
import dev.hallmark.engine.rework.ReworkTarget;
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
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's rework over fakes: the device wiped through the link's {@link ReadoutUnprotect}, the certificate
 * revoked through the issuer's {@link Revoker} and a CRL published through {@link CrlPublisher} where the issuer has
 * one, the rework recorded; and each refusal before anything is touched or recorded.
 */
class ReworkTest {

    static final ProductProfile PROFILE = new ProductProfile("test-f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.READOUT_PROTECTED, "T-", "Test Org", Duration.ofDays(365));
    static final SignedIn SAM = new SignedIn("sam", Set.of(Role.SUPERVISOR), false);

    final Clock clock = Clock.systemUTC();
    final FakeBench bench = new FakeBench();
    final FakeRevokingIssuer issuer = new FakeRevokingIssuer(new FakeIssuer(clock));
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final List<String> said = new ArrayList<>();

    /** Provisions a unit on a new device at fixture {@code id}; the device is locked when it returns. */
    UnitRecord provisioned(String id, FakeDevice device) throws ProvisioningException {
        Fixture fixture = new Fixture(id, "/dev/fake-" + id);
        bench.put(fixture, device);
        UnitOutcome outcome = new UnitWorkflow(new StationParts("ST-1", bench, new SoftwareKeyStore(new SecureRandom()),
                new FakeKeyWrapper(), issuer, store, clock), PROFILE, "LOT", UnitListener.none()).run(fixture);
        assertThat(outcome.result()).as(outcome.cause()).isEqualTo(UnitResult.PASS);
        assertThat(device.locked()).isTrue();
        return store.unitBySerial(outcome.serial()).orElseThrow();
    }

    static TargetLinkFactory on(FakeDevice device) {
        return fixture -> device.link();
    }

    Rework rework(CertificateIssuer ca, FakeDevice device) throws ProvisioningException {
        return new Rework(store, ca, on(device), clock, said::add);
    }

    @Test
    void aLockedUnitIsWipedRevokedAndRecordedAsReworked() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(1));
        UnitRecord unit = provisioned("A", device);

        UnitRecord target = ReworkTarget.check(store, unit.serial(), Optional.of(PROFILE));
        rework(issuer, device).run(target, "/dev/fake-A", SAM, null);

        assertThat(device.locked()).isFalse();
        assertThat(device.keySlot()).isEmpty();
        assertThat(store.reworked(unit.id())).isTrue();
        assertThat(store.reworkNote(unit.id()).orElseThrow()).startsWith("by sam; port /dev/fake-A;")
                .contains("lock before: READOUT_PROTECTED", "after: unprotected (fake: key slot erased", "revoked");
        assertThat(issuer.revoked()).containsValue(RevocationReason.CESSATION_OF_OPERATION).hasSize(1);
        assertThat(store.revocations()).containsEntry(unit.certificateSha256(),
                RevocationReason.CESSATION_OF_OPERATION);
        assertThat(said).singleElement().asString().startsWith("reworked " + unit.serial() + " on /dev/fake-A");
        assertThatThrownBy(() -> ReworkTarget.check(store, unit.serial(), Optional.of(PROFILE)))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("already reworked")
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.REWORK_REFUSED);
    }

    @Test
    void aCaThatPublishesCrlsPublishesOneAfterTheRevocation() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(2));
        UnitRecord unit = provisioned("A", device);
        PublishingIssuer ca = new PublishingIssuer(issuer);

        rework(ca, device).run(unit, "/dev/fake-A", SAM, null);

        assertThat(ca.published).isEqualTo(1);
        assertThat(issuer.revoked()).hasSize(1);
    }

    @Test
    void aCaThatCannotRevokeIsRefusedBeforeTheDeviceIsTouched() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(3));
        provisioned("A", device);
        FakeIssuer plain = new FakeIssuer(clock);

        assertThatThrownBy(() -> rework(plain, device)).isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("cannot revoke")
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(device.locked()).isTrue();
    }

    @Test
    void aLinkWithoutReadoutUnprotectIsRefusedAndNothingIsRecorded() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(4));
        UnitRecord unit = provisioned("A", device);
        device.withoutReadoutUnprotect();

        assertThatThrownBy(() -> rework(issuer, device).run(unit, "/dev/fake-A", SAM, null))
                .isInstanceOf(ProvisioningException.class)
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.REWORK_UNSUPPORTED);
        assertThat(device.locked()).isTrue();
        assertThat(store.reworked(unit.id())).isFalse();
        assertThat(issuer.revoked()).isEmpty();
    }

    @Test
    void aDeviceThatStaysProtectedIsNeitherRevokedNorRecorded() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(5));
        UnitRecord unit = provisioned("A", device);
        device.unprotectIneffective();

        assertThatThrownBy(() -> rework(issuer, device).run(unit, "/dev/fake-A", SAM, null))
                .isInstanceOf(ProvisioningException.class)
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.REWORK_STILL_PROTECTED);
        assertThat(store.reworked(unit.id())).isFalse();
        assertThat(issuer.revoked()).isEmpty();
    }

    @Test
    void aDeviceAnInterruptedReworkWipedIsFinishedNotRefused() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(6));
        UnitRecord unit = provisioned("A", device);
        ((ReadoutUnprotect) device.link()).readoutUnprotect();

        rework(issuer, device).run(unit, "/dev/fake-A", SAM, null);

        assertThat(store.reworkNote(unit.id()).orElseThrow()).contains("lock before: unprotected already");
        assertThat(issuer.revoked()).hasSize(1);
    }

    @Test
    void anUnlockedDeviceOfAnotherUidIsNotLockedAndNothingIsDone() throws Exception {
        FakeDevice device = FakeDevice.random("STM32F4", new Random(7));
        UnitRecord unit = provisioned("A", device);
        FakeDevice stranger = FakeDevice.random("STM32F4", new Random(70));

        assertThatThrownBy(() -> rework(issuer, stranger).run(unit, "/dev/fake-A", SAM, null))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("not readout-protected")
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.REWORK_NOT_LOCKED);
        assertThat(store.reworked(unit.id())).isFalse();
        assertThat(issuer.revoked()).isEmpty();
    }

    @Test
    void theWrongLockedDeviceIsReworkedAsTheUnitItBelongsToAndTheNamedUnitIsUnchanged() throws Exception {
        FakeDevice named = FakeDevice.random("STM32F4", new Random(8));
        FakeDevice other = FakeDevice.random("STM32F4", new Random(9));
        UnitRecord namedUnit = provisioned("A", named);
        UnitRecord otherUnit = provisioned("B", other);

        assertThatThrownBy(() -> rework(issuer, other).run(namedUnit, "/dev/fake-A", SAM, null))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("it was unit " + otherUnit.serial(), namedUnit.serial() + " is unchanged")
                .extracting(e -> ((ProvisioningException) e).code()).isEqualTo(ErrorCode.REWORK_WRONG_DEVICE);
        assertThat(store.reworked(otherUnit.id())).isTrue();
        assertThat(store.reworked(namedUnit.id())).isFalse();
        assertThat(store.revocations()).containsKey(otherUnit.certificateSha256())
                .doesNotContainKey(namedUnit.certificateSha256());
        assertThat(named.locked()).isTrue();
    }

    @Test
    void theTargetCheckRefusesUnknownPermanentAndNonStm32Units() throws Exception {
        UnitRecord unit = provisioned("A", FakeDevice.random("STM32F4", new Random(10)));
        ProductProfile permanent = new ProductProfile("test-f4-perm", "STM32F4", KeySpec.EC_P256,
                KeyCustody.INJECTED, LockLevel.PERMANENT, "T-", "Test Org", Duration.ofDays(365));

        assertThat(codeOf(() -> ReworkTarget.check(store, "NO-SUCH", Optional.empty())))
                .isEqualTo(ErrorCode.REWORK_REFUSED);
        assertThat(codeOf(() -> ReworkTarget.check(store, unit.serial(), Optional.of(permanent))))
                .isEqualTo(ErrorCode.REWORK_PERMANENT_LOCK);
        assertThat(ReworkTarget.check(store, unit.serial(), Optional.empty()).id()).isEqualTo(unit.id());

        ProductProfile c3 = new ProductProfile("test-c3", "ESP32C3", KeySpec.EC_P256, KeyCustody.INJECTED,
                LockLevel.READOUT_PROTECTED, "C-", "Test Org", Duration.ofDays(365));
        Fixture fixture = new Fixture("C", "/dev/fake-C");
        bench.put(fixture, FakeDevice.random("ESP32C3", new Random(11)));
        String serial = new UnitWorkflow(new StationParts("ST-1", bench, new SoftwareKeyStore(new SecureRandom()),
                new FakeKeyWrapper(), issuer, store, clock), c3, "LOT", UnitListener.none()).run(fixture).serial();
        assertThat(codeOf(() -> ReworkTarget.check(store, serial, Optional.of(c3))))
                .isEqualTo(ErrorCode.REWORK_UNSUPPORTED);
    }

    interface Call {
        Object run() throws Exception;
    }

    static ErrorCode codeOf(Call call) {
        try {
            call.run();
        } catch (ProvisioningException e) {
            return e.code();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no refusal");
    }

    /** A revoking issuer that also publishes CRLs, counting them. */
    static final class PublishingIssuer implements CertificateIssuer, Revoker, CrlPublisher {
        private final FakeRevokingIssuer issuer;
        int published;

        PublishingIssuer(FakeRevokingIssuer issuer) {
            this.issuer = issuer;
        }

        @Override
        public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
            return issuer.issue(request);
        }

        @Override
        public List<X509Certificate> caChain() {
            return issuer.caChain();
        }

        @Override
        public void revoke(X509Certificate certificate, RevocationReason reason) {
            issuer.revoke(certificate, reason);
        }

        @Override
        public PublishedCrl publishCrl() {
            published++;
            return new PublishedCrl("memory", new byte[] {0x30});
        }
    }
}
