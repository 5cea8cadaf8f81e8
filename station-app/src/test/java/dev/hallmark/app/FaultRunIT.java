package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoLot;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.sim.FaultKind;
import dev.hallmark.sim.FaultPlan;
import dev.hallmark.sim.SimBench;
import dev.hallmark.sim.SimTiming;
import dev.hallmark.sim.Stm32Family;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole station (SoftHSM2 token, embedded CA, H2 audit database, the STM32 link on pseudo-terminals)
 * provisions a lot against simulated STM32F4 boards that inject 5% faults of every kind (drop, corrupt, NACK,
 * stall, disconnect), zero-latency timing. Every unit ends PASS or FAILED with its step and cause; a PASS has
 * verified lock evidence in the audit records and its board really is readout-protected; each fixture goes on
 * provisioning after a failure. Units: {@code -Dhallmark.faultrun.units=N} (default 200, about a minute here; the
 * 1,000-unit run takes about six minutes); faults: {@code -Dhallmark.faultrun.faults=SPEC} (a FaultPlan).
 */
class FaultRunIT {

    private static final Logger log = LoggerFactory.getLogger(FaultRunIT.class);
    private static final int FIXTURES = 4;

    /**
     * Link options for zero-latency simulated devices: 150 ms per reply, 40 ms per sync, three tries per
     * exchange; a stall must be longer than 150 ms to be a fault and shorter than a re-sync (~300 ms) to be
     * recoverable.
     */
    static final Stm32LinkOptions FAST_LINK = Stm32LinkOptions.defaults()
            .withTimeouts(Duration.ofMillis(150), Duration.ofMillis(40));

    @Test
    void everyFaultEndsInASuccessfulRetryOrAFailedStepAndNoUnitPassesUnlocked() throws Exception {
        int units = Integer.getInteger("hallmark.faultrun.units", 200);
        FaultPlan faults = FaultPlan.parse(System.getProperty("hallmark.faultrun.faults", "rate=0.05,seed=20261128,stall=300ms"));
        Path root = HallmarkProcess.freshDir("in-process");
        DataDir dir = new DataDir(root);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, line -> { });
             SimBench sims = SimBench.start(Stm32Family.F4, FIXTURES, SimulatedVendor.transportKek(dir, station.hsm(),
                     random, line -> { }), random, SimTiming.NONE, faults);
             DemoBench bench = DemoBench.of(sims)) {

            long started = System.nanoTime();
            LotSummary summary = new DemoLot(station, bench, DemoProfile.STM32F4, "FAULTS", "fault-run", clock)
                    .withLinks(new Stm32LinkFactory(FAST_LINK, clock)).run(units, UnitListener.none());
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertThat(summary.outcomes()).hasSize(units);
            for (UnitOutcome outcome : summary.outcomes()) {
                if (outcome.result() == UnitResult.FAILED) {
                    assertThat(outcome.failedStep()).as("failed unit names its step").isNotNull();
                    assertThat(outcome.error()).as("failed unit names its code").isNotNull();
                    assertThat(outcome.cause()).as("failed unit names its cause").isNotBlank();
                }
            }
            JdbcAuditStore audit = station.database().store();
            List<UnitRecord> records = audit.units("FAULTS");
            assertThat(records).hasSize(units);
            Map<String, Integer> boardLevel = sims.history().stream().collect(Collectors.toMap(
                    b -> HexFormat.of().formatHex(b.uid()), SimBench.Board::readoutProtection, (a, b) -> a));
            int passed = 0;
            for (UnitRecord unit : records) {
                if (unit.result() != UnitResult.PASS) {
                    continue;
                }
                passed++;
                LockEvidence evidence = audit.lockEvidence(unit.id()).orElseThrow(
                        () -> new AssertionError("PASS unit " + unit.serial() + " has no lock evidence"));
                assertThat(evidence.locked()).as("PASS unit %s has verified lock evidence", unit.serial()).isTrue();
                assertThat(boardLevel.get(unit.uid())).as("the board of PASS unit %s is readout-protected",
                        unit.serial()).isEqualTo(1);
            }
            assertFixturesGoOnAfterFailures(summary.outcomes());

            Map<String, Long> failures = new TreeMap<>(summary.outcomes().stream().filter(o -> !o.passed())
                    .collect(Collectors.groupingBy(o -> o.failedStep() + "/" + o.error().id(), Collectors.counting())));
            String figures = String.format("fault run: units=%d passed=%d failed=%d faults=%d (%s) failures=%s "
                    + "seconds=%d", units, passed, units - passed, sims.faultCounts().total(), sims.faultCounts(),
                    failures, seconds);
            log.info(figures);
            System.out.println(figures);
            assertThat(passed).isEqualTo((int) summary.passed());
            long disconnects = sims.faultCounts().count(FaultKind.DISCONNECT);
            long recoverable = sims.faultCounts().total() - disconnects;
            if (faults.rate() > 0) {
                assertThat(sims.faultCounts().total()).as("faults were injected").isGreaterThan(units / 10);
            }
            assertThat((long) (units - passed)).as("a disconnected board fails its unit; of the other faults at least "
                    + "three in four end in a successful retry").isLessThanOrEqualTo(disconnects + recoverable / 4);
        }
    }

    /** Each fixture provisions a PASS after any failure that was not its last unit. */
    private static void assertFixturesGoOnAfterFailures(List<UnitOutcome> outcomes) {
        Map<String, List<UnitOutcome>> byFixture = outcomes.stream()
                .collect(Collectors.groupingBy(UnitOutcome::fixtureId, TreeMap::new, Collectors.toList()));
        for (List<UnitOutcome> fixtureUnits : byFixture.values()) {
            int lastFailure = -1;
            int lastPass = -1;
            for (int i = 0; i < fixtureUnits.size(); i++) {
                if (fixtureUnits.get(i).passed()) {
                    lastPass = i;
                } else {
                    lastFailure = i;
                }
            }
            if (lastFailure >= 0 && lastFailure < fixtureUnits.size() - 3) {
                assertThat(lastPass).as("fixture %s provisions again after a failure",
                        fixtureUnits.get(0).fixtureId()).isGreaterThan(lastFailure);
            }
        }
    }
}
