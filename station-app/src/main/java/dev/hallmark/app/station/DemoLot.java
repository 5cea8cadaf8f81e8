package dev.hallmark.app.station;

import dev.hallmark.app.conformity.LotConformity;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.workflow.BenchLoader;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import java.time.Clock;
import java.util.List;

/** Wires the engine to the embedded station's parts and runs a lot on a demo bench. */
public final class DemoLot {

    private final EmbeddedStation station;
    private final List<Fixture> fixtures;
    private final BenchLoader loader;
    private final ProductProfile profile;
    private final String lot;
    private final String stationId;
    private final Clock clock;
    private final DeviceTokens deviceTokens;
    private final TargetLinkFactory links;

    /** A lot whose device keys are injected into the devices. */
    public DemoLot(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                   Clock clock) {
        this(station, bench, profile, lot, stationId, clock, null);
    }

    /** A lot whose device keys are injected or, with {@code deviceTokens} (else null), born in the devices' tokens. */
    public DemoLot(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                   Clock clock, DeviceTokens deviceTokens) {
        this(station, bench.fixtures(), bench, profile, lot, stationId, clock, deviceTokens,
                TargetLinks.forProfile(profile, clock));
    }

    private DemoLot(EmbeddedStation station, List<Fixture> fixtures, BenchLoader loader, ProductProfile profile,
                    String lot, String stationId, Clock clock, DeviceTokens deviceTokens, TargetLinkFactory links) {
        this.station = station;
        this.fixtures = List.copyOf(fixtures);
        this.loader = loader;
        this.profile = profile;
        this.lot = lot;
        this.stationId = stationId;
        this.clock = clock;
        this.deviceTokens = deviceTokens;
        this.links = links;
    }

    /** The same lot over other links than the profile's defaults (e.g. short timeouts for faulty simulators). */
    public DemoLot withLinks(TargetLinkFactory otherLinks) {
        return new DemoLot(station, fixtures, loader, profile, lot, stationId, clock, deviceTokens, otherLinks);
    }

    /** A lot on any fixtures, {@code loader} putting the next board on each (a benchmark's metered boards). */
    public static DemoLot of(EmbeddedStation station, List<Fixture> fixtures, BenchLoader loader,
                             ProductProfile profile, String lot, String stationId, Clock clock) {
        return new DemoLot(station, fixtures, loader, profile, lot, stationId, clock, null,
                TargetLinks.forProfile(profile, clock));
    }

    /** Provisions {@code count} units over the bench's fixtures, reporting progress to the listener. */
    public LotSummary run(int count, UnitListener listener) throws ProvisioningException {
        LotConformity conformity = LotConformity.prepare(station, profile, clock, deviceTokens, fixtures);
        station.store().ensureLot(lot, profile, clock.instant());
        StationParts parts = new StationParts(stationId, links,
                conformity.keys(), station.keys(), station.issuer(), station.store(), clock, conformity.deviceTokens(),
                conformity.secrets());
        UnitWorkflow workflow = new UnitWorkflow(parts, profile, lot, conformity.listener(listener));
        return new LotRunner(workflow, lot, clock).run(fixtures, count, loader);
    }
}
