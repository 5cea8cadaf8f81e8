package dev.hallmark.app.station;

import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * A lot on the embedded station against simulated devices that inject faults: the demo's wiring, with link
 * timeouts short enough for a zero-latency simulator, so a dropped or stalled reply costs milliseconds.
 */
public final class FaultLot {

    /**
     * Link options for zero-latency simulated devices: 150 ms per reply, 40 ms per sync, three tries per
     * exchange; a stall must be longer than 150 ms to be a fault and shorter than a re-sync (~300 ms) to be
     * recoverable.
     */
    public static final Stm32LinkOptions FAST_LINK = Stm32LinkOptions.defaults()
            .withTimeouts(Duration.ofMillis(150), Duration.ofMillis(40));

    private final EmbeddedStation station;
    private final DemoBench bench;
    private final ProductProfile profile;
    private final Stm32LinkOptions linkOptions;
    private final Clock clock;

    public FaultLot(EmbeddedStation station, DemoBench bench, ProductProfile profile, Stm32LinkOptions linkOptions,
                    Clock clock) {
        this.station = station;
        this.bench = bench;
        this.profile = profile;
        this.linkOptions = linkOptions;
        this.clock = clock;
    }

    /** Provisions {@code count} units of the lot over the bench's fixtures. */
    public LotSummary run(String lot, int count, UnitListener listener) throws ProvisioningException {
        station.store().ensureLot(lot, profile, clock.instant());
        StationParts parts = new StationParts("fault-run", new Stm32LinkFactory(linkOptions, clock), station.keys(),
                station.keys(), station.issuer(), station.store(), clock);
        UnitWorkflow workflow = new UnitWorkflow(parts, profile, lot, listener);
        return new LotRunner(workflow, lot, clock).run(bench.fixtures(), count, bench);
    }
}
