package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.testkit.fake.FakeBench;
import dev.hallmark.testkit.fake.FakeDevice;
import dev.hallmark.testkit.fake.FakeIssuer;
import dev.hallmark.testkit.fake.FakeKeyWrapper;
import dev.hallmark.testkit.fake.InMemoryAuditStore;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import dev.hallmark.engine.port.UnitRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LotRunnerTest {

    final Clock clock = Clock.systemUTC();
    final Random random = new Random(7);
    final FakeBench bench = new FakeBench();
    final InMemoryAuditStore store = new InMemoryAuditStore();
    final List<Fixture> fixtures = List.of(new Fixture("A", "/a"), new Fixture("B", "/b"), new Fixture("C", "/c"));

    LotRunner runner() throws ProvisioningException {
        UnitWorkflow workflow = new UnitWorkflow(new StationParts("s1", bench, new SoftwareKeyStore(new SecureRandom()),
                new FakeKeyWrapper(), new FakeIssuer(clock), store, clock), UnitWorkflowTest.PROFILE, "LOT-9",
                UnitListener.none());
        return new LotRunner(workflow, "LOT-9", clock);
    }

    @Test
    void unitsAreSpreadOverFixturesAndAFailingFixtureDoesNotStopTheOthers() throws ProvisioningException {
        LotSummary summary = runner().run(fixtures, 10, (fixture, index) -> {
            FakeDevice device = FakeDevice.random("STM32F4", random);
            if (fixture.id().equals("B") && index == 0) {
                device.failOn(FakeDevice.Operation.LOCK, ErrorCode.DEVICE_NACK);
            }
            bench.put(fixture, device);
        });

        assertThat(summary.outcomes()).hasSize(10);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.passed()).isEqualTo(9);
        assertThat(store.units("LOT-9")).extracting(UnitRecord::serial).doesNotHaveDuplicates();
        assertThat(store.units("LOT-9")).extracting(UnitRecord::fixture).contains("A", "B", "C");
    }

    @Test
    void aBenchThatCannotLoadAnyDeviceEndsTheRunWithItsError() throws ProvisioningException {
        var runner = runner();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(fixtures, 3, (fixture, index) -> {
            throw new ProvisioningException(ErrorCode.DEVICE_PORT_NOT_FOUND, "no such port " + fixture.port());
        })).isInstanceOf(ProvisioningException.class).hasMessageContaining("no such port");
    }

    @Test
    void aFeedWithoutBoardsEndsItsFixtureAndTheRunStopsAtTheGivenNumberOfNewUnits() throws ProvisioningException {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        LotSummary summary = runner().run(fixtures, java.util.Map.of(), 2, (fixture, index) -> {
            asked.incrementAndGet();
            if (fixture.id().equals("C") || index > 0) {
                return false;
            }
            bench.put(fixture, FakeDevice.random("STM32F4", random));
            return true;
        });

        assertThat(summary.outcomes()).hasSize(2).allMatch(o -> o.passed());
        assertThat(summary.outcomes()).extracting(o -> o.fixtureId()).containsExactlyInAnyOrder("A", "B");
        assertThat(asked.get()).isBetween(2, 5);
    }
}
