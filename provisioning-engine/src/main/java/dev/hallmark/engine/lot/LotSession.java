package dev.hallmark.engine.lot;

import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.engine.conformity.AttestingDeviceTokens;
import dev.hallmark.engine.conformity.AttestingKeyStore;
import dev.hallmark.engine.conformity.BenchUnitSecrets;
import dev.hallmark.engine.conformity.ConformityEvidence;
import dev.hallmark.engine.conformity.Prerequisite;
import dev.hallmark.engine.conformity.StationCapabilities;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.workflow.FixtureFeed;
import dev.hallmark.engine.workflow.LotRunner;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lot on one station, the same behind every front door: opening it checks the consent to lock for good, the
 * custody's device tokens and the ISO/IEC 27402 class (refusing before the first unit), opens or continues the lot
 * plan and finds the units this station left under way on its fixtures. Units then run through one
 * {@link UnitWorkflow} with the chip family's link, per-unit secrets and conformity evidence — fed by a count
 * ({@link #run}), or one at a time on a given fixture ({@link #start}, {@link #resumeLeftOn}).
 */
public final class LotSession {

    private static final Logger LOG = LoggerFactory.getLogger(LotSession.class);

    /** What a run did, and the lot's state after it. */
    public record Result(LotSummary summary, LotReport report, int resumed, int plannedNew) {
    }

    private final LotParts parts;
    private final LotStart start;
    private final TargetLinkFactory links;
    private final List<Prerequisite> prerequisites;
    private final UnitWorkflow workflow;
    private final int plannedNew;
    private final int leftUnderWay;
    /** Guarded by itself: units left under way on this session's fixtures and not yet resumed, by fixture id. */
    private final Map<String, List<UnitRecord>> pending;

    private LotSession(LotParts parts, LotStart start, TargetLinkFactory links, List<Prerequisite> prerequisites,
                       UnitWorkflow workflow, Map<String, List<UnitRecord>> pending, int plannedNew) {
        this.parts = parts;
        this.start = start;
        this.links = links;
        this.prerequisites = prerequisites;
        this.workflow = workflow;
        this.pending = pending;
        this.plannedNew = plannedNew;
        this.leftUnderWay = pending.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Opens the lot on the parts, telling {@code listener} of every unit (after its evidence is recorded). Refuses,
     * before any unit and before the lot is opened, a permanently locking profile without consent
     * (LOT_IRREVERSIBLE_NOT_CONFIRMED), on-device custody without device tokens (CONFIG_INVALID) and a class the parts
     * cannot meet (CONFORMITY_PREREQUISITE_UNMET); a plan that differs from the lot's is refused by the store.
     */
    public static LotSession open(LotParts parts, LotStart start, UnitListener listener) throws ProvisioningException {
        ProductProfile profile = start.profile();
        if (profile.lockLevel().irreversible() && start.consent() == null) {
            throw new ProvisioningException(ErrorCode.LOT_IRREVERSIBLE_NOT_CONFIRMED, "profile '" + profile.name()
                    + "' locks devices " + profile.lockLevel() + "; nothing was done");
        }
        DeviceTokens deviceTokens = null;
        if (profile.custody() == KeyCustody.ON_DEVICE) {
            if (parts.deviceTokens() == null) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "profile '" + profile.name() + "' keeps "
                        + "keys on the device: name each fixture's device token under device_tokens: in station.yaml"
                        + " (docs/hsm.md)");
            }
            deviceTokens = parts.deviceTokens();
        }
        StationCapabilities capabilities = LotClassCheck.capabilities(parts, profile, start.fixtures());
        List<Prerequisite> met = LotClassCheck.require(profile, capabilities);

        if (start.plan() != null) {
            parts.lots().openLot(start.plan(), parts.clock().instant());
        }
        parts.lots().ensureLot(start.lot(), profile, parts.clock().instant());
        Map<String, List<UnitRecord>> pending = leftUnderWay(parts, start);
        int plannedNew = 0;
        if (start.plan() != null) {
            LotReport report = parts.lots().lotReport(start.lot());
            plannedNew = report.closedAt() != null ? 0 : (int) Math.min(Integer.MAX_VALUE, report.remaining());
        }

        AttestingKeyStore keys = new AttestingKeyStore(parts.keys(), parts.attributes());
        PasswordHasher hasher = PasswordHasher.standard(parts.random());
        BenchUnitSecrets secrets = new BenchUnitSecrets(hasher, parts.random(), profile.keys().customerKey(),
                parts.unitSecrets(), parts.clock());
        ConformityEvidence evidence = new ConformityEvidence(parts.store(), parts.conformity(), keys, profile,
                capabilities, met, hasher, parts.random(), parts.clock(), parts.units(), secrets);
        TargetLinkFactory links = parts.links().forProfile(profile);
        StationParts unitParts = new StationParts(parts.stationId(), links, keys, parts.wrapper(), parts.issuer(),
                parts.store(), parts.clock(), deviceTokens == null ? null : new AttestingDeviceTokens(deviceTokens, keys),
                secrets);
        UnitWorkflow workflow = new UnitWorkflow(unitParts, profile, start.lot(), new EvidenceFirst(evidence, listener),
                parts.caRetry()).crashHook(start.crash());
        if (start.consent() != null && profile.lockLevel().irreversible()) {
            LOG.info("lot {}: profile {} locks {}; consent: {}{}", start.lot(), profile.name(), profile.lockLevel(),
                    start.consent().how(), start.consent().approval() == null ? ""
                            : ", approved by " + start.consent().approval().approver().name());
        }
        return new LotSession(parts, start, links, met, workflow, pending, plannedNew);
    }

    private static Map<String, List<UnitRecord>> leftUnderWay(LotParts parts, LotStart start)
            throws ProvisioningException {
        Set<String> here = start.fixtures().stream().map(Fixture::id).collect(Collectors.toSet());
        Map<String, List<UnitRecord>> unfinished = new LinkedHashMap<>();
        for (UnitRecord unit : parts.lots().unfinished(parts.stationId(), start.lot())) {
            if (here.contains(unit.fixture())) {
                unfinished.computeIfAbsent(unit.fixture(), f -> new ArrayList<>()).add(unit);
            } else {
                start.note().accept("unit " + (unit.serial() == null ? "#" + unit.id() : unit.serial())
                        + " began on fixture " + unit.fixture() + ", which is not in this run; it is resumed by a run"
                        + " that includes it");
            }
        }
        return unfinished;
    }

    /**
     * Resumes every unit left under way, then starts up to {@code newUnits} units as the feed puts devices on the
     * fixtures; with a lot plan, the lot is closed when every unit of its quota has passed.
     */
    public Result run(int newUnits, FixtureFeed feed) throws ProvisioningException {
        Map<String, List<UnitRecord>> resume = takePending();
        int resumed = resume.values().stream().mapToInt(List::size).sum();
        LotSummary summary = new LotRunner(workflow, start.lot(), parts.clock()).run(start.fixtures(), resume,
                newUnits, feed);
        return new Result(summary, closeIfComplete(), resumed, newUnits);
    }

    /** {@link #run} for the units the lot plan still needs ({@link #plannedNew()}). */
    public Result runPlan(FixtureFeed feed) throws ProvisioningException {
        return run(plannedNew, feed);
    }

    /**
     * One new unit on {@code fixture} now, started by the scanned label (null: no scan); never throws, the outcome
     * says how it ended. The caller holds the fixture for the unit (one unit per fixture at a time).
     */
    public UnitOutcome start(Fixture fixture, String scanLabel) {
        UnitOutcome outcome = workflow.run(fixture, scanLabel);
        closeQuietly();
        return outcome;
    }

    /** Resumes, in order, the units left under way on {@code fixture} (none: an empty list); never throws. */
    public List<UnitOutcome> resumeLeftOn(Fixture fixture) {
        List<UnitRecord> mine;
        synchronized (pending) {
            mine = pending.remove(fixture.id());
        }
        List<UnitOutcome> outcomes = new ArrayList<>();
        for (UnitRecord unit : mine == null ? List.<UnitRecord>of() : mine) {
            outcomes.add(workflow.resume(fixture, unit));
        }
        if (!outcomes.isEmpty()) {
            closeQuietly();
        }
        return outcomes;
    }

    /** The units left under way on this session's fixtures that have not been resumed yet, by fixture id. */
    public Map<String, List<UnitRecord>> pendingResume() {
        synchronized (pending) {
            Map<String, List<UnitRecord>> copy = new LinkedHashMap<>();
            pending.forEach((fixture, units) -> copy.put(fixture, List.copyOf(units)));
            return copy;
        }
    }

    /** How many units were left under way on this session's fixtures when it opened. */
    public int leftUnderWay() {
        return leftUnderWay;
    }

    /** The new units the lot plan still needed when the session opened (0 without a plan or when complete). */
    public int plannedNew() {
        return plannedNew;
    }

    /** The lot's units by result, and its plan where it has one. */
    public LotReport report() throws ProvisioningException {
        return parts.lots().lotReport(start.lot());
    }

    public String lot() {
        return start.lot();
    }

    public ProductProfile profile() {
        return start.profile();
    }

    public List<Fixture> fixtures() {
        return start.fixtures();
    }

    /** The link factory of the profile's chip family (also the admin screen's port check). */
    public TargetLinkFactory links() {
        return links;
    }

    /** The class's prerequisites, all met (empty without a class). */
    public List<Prerequisite> prerequisites() {
        return prerequisites;
    }

    private Map<String, List<UnitRecord>> takePending() {
        synchronized (pending) {
            Map<String, List<UnitRecord>> taken = new LinkedHashMap<>(pending);
            pending.clear();
            return taken;
        }
    }

    /** Closes a planned lot once every unit of its quota has passed; returns the lot's report. */
    private LotReport closeIfComplete() throws ProvisioningException {
        LotReport after = parts.lots().lotReport(start.lot());
        if (start.plan() != null && after.complete() && after.closedAt() == null) {
            parts.lots().closeLot(start.lot(), parts.clock().instant());
            after = parts.lots().lotReport(start.lot());
        }
        return after;
    }

    private void closeQuietly() {
        if (start.plan() == null) {
            return;
        }
        try {
            closeIfComplete();
        } catch (ProvisioningException e) {
            LOG.error("lot {}: could not be closed after its last unit: {}", start.lot(), e.oneLine(), e);
        }
    }
}
