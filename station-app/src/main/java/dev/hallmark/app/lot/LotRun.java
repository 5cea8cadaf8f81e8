package dev.hallmark.app.lot;

import dev.hallmark.app.conformity.LotConformity;
import dev.hallmark.app.metrics.StationMetrics;
import dev.hallmark.app.station.ConfiguredDeviceTokens;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.CrashHook;
import dev.hallmark.engine.workflow.FixtureFeed;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One run of a lot on a station: opens (or checks) the lot's plan, resumes the units this station left unfinished
 * on the run's fixtures, starts new units up to the quota, and closes the lot when its quota has passed.
 */
public final class LotRun {

    /** What the run did, and the lot's state after it. */
    public record Result(LotSummary summary, LotReport report, int resumed, int plannedNew) {
    }

    private final EmbeddedStation station;
    private final String stationId;
    private final TargetLinkFactory links;
    private final Clock clock;
    private final CrashHook crash;
    private final Consumer<String> note;
    private StationMetrics metrics;

    public LotRun(EmbeddedStation station, String stationId, TargetLinkFactory links, Clock clock, CrashHook crash,
                  Consumer<String> note) {
        this.station = station;
        this.stationId = stationId;
        this.links = links;
        this.clock = clock;
        this.crash = crash;
        this.note = note;
    }

    /** Times the HSM, CA and database calls of this run on {@code stationMetrics} (the {@code --metrics} option). */
    public LotRun metered(StationMetrics stationMetrics) {
        this.metrics = stationMetrics;
        return this;
    }

    /** Units the lot still needs now (0 when complete) and the unfinished units that will be resumed. */
    public Plan prepare(LotPlan plan, List<Fixture> fixtures) throws ProvisioningException {
        station.store().openLot(plan, clock.instant());
        Set<String> here = fixtures.stream().map(Fixture::id).collect(Collectors.toSet());
        Map<String, List<UnitRecord>> unfinished = new LinkedHashMap<>();
        for (UnitRecord unit : station.store().unfinished(stationId, plan.lot())) {
            if (here.contains(unit.fixture())) {
                unfinished.computeIfAbsent(unit.fixture(), f -> new ArrayList<>()).add(unit);
            } else {
                note.accept("unit " + (unit.serial() == null ? "#" + unit.id() : unit.serial()) + " began on fixture "
                        + unit.fixture() + ", which is not in this run; it is resumed by a run that includes it");
            }
        }
        LotReport report = station.store().lotReport(plan.lot());
        int resumed = unfinished.values().stream().mapToInt(List::size).sum();
        int needed = (int) Math.min(Integer.MAX_VALUE, report.remaining());
        return new Plan(unfinished, resumed, report.closedAt() != null ? 0 : needed, report);
    }

    /** The units a run will resume and start. */
    public record Plan(Map<String, List<UnitRecord>> unfinished, int resumed, int newUnits, LotReport before) {
    }

    /** Runs the prepared plan on the fixtures; the lot is closed when every unit of its quota has passed. */
    public Result run(LotPlan lot, ProductProfile profile, List<Fixture> fixtures, Plan plan, FixtureFeed feed,
                      UnitListener listener) throws ProvisioningException {
        station.store().ensureLot(lot.lot(), profile, clock.instant());
        DeviceTokens deviceTokens = null;
        if (profile.custody() == KeyCustody.ON_DEVICE) {
            deviceTokens = ConfiguredDeviceTokens.of(station.config()).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.CONFIG_INVALID, "profile '" + profile.name() + "' keeps keys on the device: name each "
                    + "fixture's device token under device_tokens: in station.yaml (docs/hsm.md)"));
        }
        LotConformity conformity = LotConformity.prepare(station, profile, clock, deviceTokens, fixtures);
        StationParts parts = new StationParts(stationId, links, conformity.keys(), station.keys(), station.issuer(),
                station.store(), clock, conformity.deviceTokens(), conformity.secrets());
        if (metrics != null) {
            parts = metrics.parts(parts);
        }
        UnitWorkflow workflow = new UnitWorkflow(parts, profile, lot.lot(), conformity.listener(listener))
                .crashHook(crash);
        LotSummary summary = new LotRunner(workflow, lot.lot(), clock).run(fixtures, plan.unfinished(),
                plan.newUnits(), feed);
        LotReport after = station.store().lotReport(lot.lot());
        if (after.complete() && after.closedAt() == null) {
            station.store().closeLot(lot.lot(), clock.instant());
            after = station.store().lotReport(lot.lot());
        }
        return new Result(summary, after, plan.resumed(), plan.newUnits());
    }
}
