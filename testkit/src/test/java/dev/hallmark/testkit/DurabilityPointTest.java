package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.StepEvent;
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
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Durability points (docs/decisions/0020), with fakes: what a power cut would leave is the journal as of the last
 * {@code sync()} ({@link InMemoryAuditStore#durableEvents}). A request that cannot be taken back leaves only when its
 * STARTED entry is on disk; a unit costs four points; and a certificate the CA signed before the station recorded
 * it is found at the CA by its request after the stop and revoked.
 */
class DurabilityPointTest {

    final Clock clock = Clock.systemUTC();
    final FakeBench bench = new FakeBench();
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final FakeDevice device = FakeDevice.random("STM32F4", new Random(11));
    final FakeRevokingIssuer ca = new FakeRevokingIssuer(new FakeIssuer(clock));
    final List<String> onDiskWhenTheRequestLeft = new ArrayList<>();

    /** The CA, which first notes what a power cut would leave of the journal as the request reaches it. */
    final CertificateIssuer watchedCa = new CertificateIssuer() {
        @Override
        public IssuedCertificate issue(IssueRequest request) throws dev.hallmark.engine.api.ProvisioningException {
            long unit = store.units("LOT").get(0).id();
            List<StepEvent> durable = store.durableEvents(unit);
            StepEvent last = durable.get(durable.size() - 1);
            onDiskWhenTheRequestLeft.add(last.step() + " " + last.status() + " " + last.detail());
            onDiskWhenTheRequestLeft.add("csr " + FakeRevokingIssuer.sha256(request.csrDer()));
            return ca.issue(request);
        }

        @Override
        public List<X509Certificate> caChain() {
            return ca.caChain();
        }
    };

    DurabilityPointTest() {
        bench.put(ResumeTest.FIXTURE, device);
    }

    UnitWorkflow station(CertificateIssuer issuer) throws Exception {
        return new UnitWorkflow(new StationParts("ST-1", bench, new SoftwareKeyStore(new SecureRandom()),
                new FakeKeyWrapper(), issuer, store, clock), ResumeTest.PROFILE, "LOT", UnitListener.none());
    }

    @Test
    void eachRequestThatCannotBeTakenBackLeavesAfterItsStartedEntryIsOnDisk() throws Exception {
        List<String> violations = new ArrayList<>();
        UnitWorkflow workflow = station(watchedCa).crashHook((step, status, side) -> {
            if (status == StepStatus.STARTED && side == CrashHook.Side.AFTER
                    && (step == Step.ISSUE || step == Step.INSTALL || step == Step.LOCK)) {
                long unit = store.units("LOT").get(0).id();
                List<StepEvent> durable = store.durableEvents(unit);
                StepEvent last = durable.get(durable.size() - 1);
                if (last.step() != step || last.status() != StepStatus.STARTED) {
                    violations.add(step + ": last durable entry is " + last.step() + " " + last.status());
                }
            }
        });

        UnitOutcome outcome = workflow.run(ResumeTest.FIXTURE);

        assertThat(outcome.result()).as(outcome.cause()).isEqualTo(UnitResult.PASS);
        assertThat(violations).isEmpty();
        assertThat(onDiskWhenTheRequestLeft).hasSize(2);
        String csr = onDiskWhenTheRequestLeft.get(1).substring("csr ".length());
        assertThat(onDiskWhenTheRequestLeft.get(0))
                .startsWith("ISSUE STARTED intent to issue: request csr-sha256 " + csr + " for serial T-");
        long unit = store.units("LOT").get(0).id();
        // before the CSR, the identity and the lock leave, and at the seal: four points, one write of entries each
        assertThat(store.syncs()).isEqualTo(4);
        assertThat(store.stepWrites()).isEqualTo(4);
        assertThat(store.durableEvents(unit)).isEqualTo(store.events(unit));
        assertThat(store.events(unit)).extracting(e -> e.step() + " " + e.status()).containsExactly(
                "IDENTIFY STARTED", "IDENTIFY DONE", "CLAIM STARTED", "CLAIM DONE", "KEYGEN STARTED", "KEYGEN DONE",
                "CSR STARTED", "CSR DONE", "ISSUE STARTED", "ISSUE DONE", "INSTALL STARTED", "INSTALL DONE",
                "LOCK STARTED", "LOCK DONE", "VERIFY STARTED", "VERIFY DONE", "SEAL STARTED", "SEAL DONE");
    }

    @Test
    void aCertificateTheCaSignedBeforeTheStationRecordedItIsFoundByItsRequestAndRevokedOnResume() throws Exception {
        UnitWorkflow first = station(ca).crashHook((step, status, side) -> {
            if (step == Step.ISSUE && side == CrashHook.Side.ANSWERED) {
                throw new ResumeTest.Killed();
            }
        });
        assertThatThrownBy(() -> first.run(ResumeTest.FIXTURE)).isInstanceOf(ResumeTest.Killed.class);
        UnitRecord unit = store.unfinished("ST-1", "LOT").get(0);
        assertThat(unit.certificatePem()).as("the station never recorded the certificate").isNull();
        String request = ResumeTestIntent.request(store.events(unit.id()));
        List<X509Certificate> orphans = ca.issuedFor(request);
        assertThat(orphans).hasSize(1);

        UnitOutcome outcome = station(ca).resume(ResumeTest.FIXTURE, unit);

        assertThat(outcome.result()).as(outcome.cause()).isEqualTo(UnitResult.PASS);
        assertThat(ca.revoked()).containsEntry(orphans.get(0).getSerialNumber(), RevocationReason.SUPERSEDED)
                .hasSize(1);
        assertThat(outcome.certificateSha256()).isNotEqualTo(dev.hallmark.engine.crypto.Pem.sha256(orphans.get(0)));
        assertThat(store.events(unit.id())).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo(Step.KEYGEN);
            assertThat(e.detail()).contains("the CA issued it for request csr-sha256 " + request,
                    "never recorded it");
        });
    }

    @Test
    void aStopBeforeTheRequestLeftFindsNothingAtTheCaAndIssuesOnce() throws Exception {
        UnitWorkflow first = station(ca).crashHook((step, status, side) -> {
            if (step == Step.ISSUE && status == StepStatus.STARTED && side == CrashHook.Side.AFTER) {
                throw new ResumeTest.Killed();
            }
        });
        assertThatThrownBy(() -> first.run(ResumeTest.FIXTURE)).isInstanceOf(ResumeTest.Killed.class);
        UnitRecord unit = store.unfinished("ST-1", "LOT").get(0);

        UnitOutcome outcome = station(ca).resume(ResumeTest.FIXTURE, unit);

        assertThat(outcome.result()).as(outcome.cause()).isEqualTo(UnitResult.PASS);
        assertThat(ca.revoked()).isEmpty();
        assertThat(store.events(unit.id())).anySatisfy(e -> assertThat(e.detail()).contains("the CA issued nothing"));
    }

    /** Reads the request the journal's intent names. */
    static final class ResumeTestIntent {
        static String request(List<StepEvent> journal) {
            return journal.stream().filter(e -> e.step() == Step.ISSUE && e.status() == StepStatus.STARTED)
                    .map(e -> e.detail().substring("intent to issue: request csr-sha256 ".length(),
                            "intent to issue: request csr-sha256 ".length() + 64))
                    .reduce((a, b) -> b).orElseThrow();
        }
    }
}
