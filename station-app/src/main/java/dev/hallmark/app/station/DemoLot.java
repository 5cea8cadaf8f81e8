package dev.hallmark.app.station;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.lot.LockConsent;
import dev.hallmark.engine.lot.LotParts;
import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.lot.LotStart;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.workflow.BenchLoader;
import dev.hallmark.engine.workflow.FixtureFeed;
import dev.hallmark.engine.workflow.LotSummary;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The demo's front door to the {@link LotSession}: an open-ended lot on a bench whose loader puts the next simulated
 * board on each fixture, fed by a count of units.
 */
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
    private final LockConsent consent;

    /** A lot whose device keys are injected into the devices. */
    public DemoLot(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                   Clock clock) {
        this(station, bench, profile, lot, stationId, clock, null);
    }

    /** A lot whose device keys are injected or, with {@code deviceTokens} (else null), born in the devices' tokens. */
    public DemoLot(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                   Clock clock, DeviceTokens deviceTokens) {
        this(station, bench.fixtures(), bench, profile, lot, stationId, clock, deviceTokens, null, null);
    }

    private DemoLot(EmbeddedStation station, List<Fixture> fixtures, BenchLoader loader, ProductProfile profile,
                    String lot, String stationId, Clock clock, DeviceTokens deviceTokens, TargetLinkFactory links,
                    LockConsent consent) {
        this.station = station;
        this.fixtures = List.copyOf(fixtures);
        this.loader = loader;
        this.profile = profile;
        this.lot = lot;
        this.stationId = stationId;
        this.clock = clock;
        this.deviceTokens = deviceTokens;
        this.links = links;
        this.consent = consent;
    }

    /** The same lot over other links than the profile's defaults (e.g. short timeouts for faulty simulators). */
    public DemoLot withLinks(TargetLinkFactory otherLinks) {
        return new DemoLot(station, fixtures, loader, profile, lot, stationId, clock, deviceTokens, otherLinks, consent);
    }

    /** The same lot with the consent to lock for good (required for an irreversible profile). */
    public DemoLot withConsent(LockConsent given) {
        return new DemoLot(station, fixtures, loader, profile, lot, stationId, clock, deviceTokens, links, given);
    }

    /** A lot on any fixtures, {@code loader} putting the next board on each (a benchmark's metered boards). */
    public static DemoLot of(EmbeddedStation station, List<Fixture> fixtures, BenchLoader loader,
                             ProductProfile profile, String lot, String stationId, Clock clock) {
        return new DemoLot(station, fixtures, loader, profile, lot, stationId, clock, null, null, null);
    }

    /** Provisions {@code count} units over the bench's fixtures (after any left under way), reporting to the listener. */
    public LotSummary run(int count, UnitListener listener) throws ProvisioningException {
        LotParts parts = StationLots.parts(station, stationId, clock, new SecureRandom(), deviceTokens);
        if (links != null) {
            parts = parts.withLinks(profile -> links);
        }
        LotSession session = LotSession.open(parts, LotStart.openEnded(lot, profile, fixtures, consent), listener);
        return session.run(count, FixtureFeed.of(loader)).summary();
    }
}
