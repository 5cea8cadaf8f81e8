package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.KeyReference;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A key pair that is not new (two stations whose key generators repeat each other, a token that hands out an old
 * key) must stop the unit at KEYGEN with AUDIT_DUPLICATE before any certificate is requested for it.
 */
class KeyUniquenessTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private final FakeIssuer issuer = new FakeIssuer(clock);
    private final Random random = new Random(7);

    @Test
    void aPublicKeyAlreadyRecordedForAnotherUnitStopsTheUnitBeforeIssue() throws Exception {
        SoftwareKeyStore firstKeys = new SoftwareKeyStore(repeating());
        SoftwareKeyStore secondKeys = new SoftwareKeyStore(repeating());
        UnitOutcome first = station("station-1", firstKeys).run(UnitWorkflowTest.FIXTURE);
        assertThat(first.result()).isEqualTo(UnitResult.PASS);
        assertThat(issuer.issued()).hasSize(1);

        UnitOutcome second = station("station-2", secondKeys).run(UnitWorkflowTest.FIXTURE);

        assertThat(second.result()).isEqualTo(UnitResult.FAILED);
        assertThat(second.failedStep()).isEqualTo(Step.KEYGEN);
        assertThat(second.error()).isEqualTo(ErrorCode.AUDIT_DUPLICATE);
        assertThat(second.cause()).contains("public key").contains(first.serial());
        assertThat(issuer.issued()).as("nothing was issued for the repeated key").hasSize(1);
        assertThat(secondKeys.aliases()).as("the station's copy of the repeated key is destroyed").isEmpty();
    }

    @Test
    void eachUnitsKeyIsRecordedWithItsAttributesAsItsPolicyAsksForThem() {
        SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
        UnitOutcome outcome = station("station-1", keys).run(UnitWorkflowTest.FIXTURE);

        assertThat(outcome.passed()).isTrue();
        String spkiSha = KeyReference.sha256(issuer.issued().get(0).getPublicKey().getEncoded());
        Long holder = store.keyHolder(spkiSha);
        assertThat(holder).isNotNull();
        assertThat(store.units("LOT-1")).singleElement().satisfies(u -> assertThat(u.id()).isEqualTo(holder));
    }

    private UnitWorkflow station(String id, SoftwareKeyStore keys) {
        FakeBench bench = new FakeBench();
        bench.put(new Fixture("A", "/dev/fake-a"), FakeDevice.random("STM32F4", random));
        try {
            return new UnitWorkflow(new StationParts(id, bench, keys, new FakeKeyWrapper(), issuer, store, clock),
                    UnitWorkflowTest.PROFILE, "LOT-1", new UnitListener() { });
        } catch (ProvisioningException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A generator that gives every key store made with it the same sequence, hence the same keys. */
    private static SecureRandom repeating() throws NoSuchAlgorithmException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(20_261_128L);
        return r;
    }
}
