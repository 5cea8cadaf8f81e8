package dev.hallmark.app.station;

import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.access.WindowGate;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.lot.LockConsent;
import dev.hallmark.engine.lot.LotParts;
import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.lot.LotStart;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.workflow.CrashHook;
import dev.hallmark.ui.Background;
import dev.hallmark.ui.StationScreens;
import dev.hallmark.ui.admin.AdminViewModel;
import dev.hallmark.ui.auditor.AuditorViewModel;
import dev.hallmark.ui.bench.BenchViewModel;
import dev.hallmark.ui.lot.LotDashboardViewModel;
import dev.hallmark.ui.signin.GuardedArchive;
import dev.hallmark.ui.signin.GuardedBench;
import dev.hallmark.ui.signin.GuardedSettings;
import dev.hallmark.ui.signin.LotStartRule;
import dev.hallmark.ui.signin.LotStartViewModel;
import dev.hallmark.ui.signin.Permission;
import dev.hallmark.ui.signin.SignInViewModel;
import dev.hallmark.ui.signin.StationShell;
import java.time.Duration;
import javafx.scene.Parent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the station window's screens to an embedded station: the bench (scans start units through a
 * {@link ScanBench}), the lot dashboard and the auditor on the station's archive, the admin screen on its parts.
 * The screens' slow work runs on a small worker pool; {@code fx} is {@code Platform::runLater} in the application.
 */
public final class StationUi implements AutoCloseable {

    private static final int SCREEN_WORKERS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(StationUi.class);

    private final LotSession session;
    private final ExecutorService screenWorkers;
    private final ScanBench scanBench;
    private final StationScreens screens;
    private final UnitArchive archive;
    private final SignInViewModel signIn;
    private final LotStartViewModel lotStart;
    private List<String> resumed = List.of();

    /** The window's lot: its name and profile, its plan (null: open-ended), device tokens and crash hook. */
    public record Lot(String name, ProductProfile profile, LotPlan plan, DeviceTokens deviceTokens, CrashHook crash,
                      UnaryOperator<LotParts> decorate) {
        /** The lot on the station's parts as they are (no metrics decorating them). */
        public Lot(String name, ProductProfile profile, LotPlan plan, DeviceTokens deviceTokens, CrashHook crash) {
            this(name, profile, plan, deviceTokens, crash, UnaryOperator.identity());
        }

        /** An open-ended lot on the profile, injected custody, no crash hook (today's demo window). */
        public static Lot openEnded(String name, ProductProfile profile) {
            return new Lot(name, profile, null, null, CrashHook.NONE);
        }
    }

    /** The screens without sign-in (the UI benchmark): anyone at the window may use every screen. */
    public StationUi(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                     Path pkcs11Module, Executor fx, Clock clock, UnitListener alsoTell) throws ProvisioningException {
        this(station, bench, Lot.openEnded(lot, profile), stationId, pkcs11Module, fx, clock, alsoTell, null, null);
    }

    /** The screens behind sign-in on an open-ended lot (see the constructor with a {@link Lot}). */
    public StationUi(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                     Path pkcs11Module, Executor fx, Clock clock, UnitListener alsoTell, StationAccess access,
                     Duration idleLimit) throws ProvisioningException {
        this(station, bench, Lot.openEnded(lot, profile), stationId, pkcs11Module, fx, clock, alsoTell, access,
                idleLimit);
    }

    /**
     * The screens behind sign-in ({@code access} not null): each screen's work goes through the role gate of
     * {@code ui.signin} on the station's access control, and a permanently locking profile needs the inline
     * confirmation (and, with the two-person rule, the approval) before the first unit. {@code idleLimit} null or
     * zero: no idle sign-out. The lot's session is opened here (class check, lot plan; refused with its HM code
     * before the window shows), and units left under way on the bench's fixtures are resumed at once.
     */
    public StationUi(EmbeddedStation station, DemoBench bench, Lot lotToRun, String stationId, Path pkcs11Module,
                     Executor fx, Clock clock, UnitListener alsoTell, StationAccess access, Duration idleLimit)
            throws ProvisioningException {
        ProductProfile profile = lotToRun.profile();
        String lot = lotToRun.name();
        BenchViewModel benchModel = new BenchViewModel(lot, profile.name(), bench.fixtures(), fx, clock);
        UnitListener listener = new BothListeners(benchModel, alsoTell);
        LockConsent consent = !profile.lockLevel().irreversible() ? null
                : LockConsent.gatedPerStart(access == null ? "the window without sign-in (benchmark)"
                        : "the window's lot-start panel, before each operator's first unit");
        LotSession session = StationLots.open(station, stationId, clock, lotToRun.deviceTokens(),
                new LotStart(lot, profile, lotToRun.plan(), bench.fixtures(), consent, lotToRun.crash(),
                        note -> LOG.warn("lot {}: {}", lot, note)), listener, lotToRun.decorate());
        this.session = session;
        screenWorkers = Executors.newFixedThreadPool(SCREEN_WORKERS, r -> {
            Thread t = new Thread(r, "screen-worker");
            t.setDaemon(true);
            return t;
        });
        Background background = new Background(screenWorkers, fx);
        TargetLinkFactory links = session.links();
        scanBench = new ScanBench(bench.fixtures(), bench, session, listener);
        archive = StationArchive.of(station, clock);
        StationSettings settings = AdminSettings.of(station, pkcs11Module, List.of(profile), bench.fixtures(), links,
                scanBench::busy);
        if (access == null) {
            signIn = null;
            lotStart = null;
            benchModel.scan().attach(scanBench, background);
            screens = new StationScreens(benchModel, new LotDashboardViewModel(archive, background),
                    new AuditorViewModel(archive, background), new AdminViewModel(settings, background));
            resumed = scanBench.resumeLeftUnderWay();
            return;
        }
        signIn = new SignInViewModel(new WindowGate(access), background, clock, idleLimit);
        lotStart = new LotStartViewModel(new LotStartRule(lot, profile.name(), profile.lockLevel().irreversible(),
                profile.conformity().twoPersonRule()), signIn, background);
        benchModel.scan().attach(new GuardedBench(scanBench, signIn, lotStart), background);
        screens = new StationScreens(benchModel,
                new LotDashboardViewModel(new GuardedArchive(archive, signIn, Permission.LOT_DASHBOARD_SCREEN), background),
                new AuditorViewModel(new GuardedArchive(archive, signIn, Permission.AUDITOR_SCREEN), background),
                new AdminViewModel(GuardedSettings.of(settings, signIn), background));
        resumed = scanBench.resumeLeftUnderWay();
    }

    /** The lot session the window runs. */
    public LotSession session() {
        return session;
    }

    /** The fixtures on which units left under way were being resumed when the window opened. */
    public List<String> resumed() {
        return resumed;
    }

    /** The signed-in window's content (sign-in screen first); only for a StationUi built with access control. */
    public Parent signedInWindow(String station) {
        if (signIn == null) {
            throw new IllegalStateException("this station UI was built without access control");
        }
        return new StationShell(screens, signIn, lotStart, station);
    }

    /** Who is signed in, or null without access control. */
    public SignInViewModel signIn() {
        return signIn;
    }

    /** The permanent-lock confirmation, or null without access control. */
    public LotStartViewModel lotStart() {
        return lotStart;
    }

    public StationScreens screens() {
        return screens;
    }

    public ScanBench scanBench() {
        return scanBench;
    }

    public UnitArchive archive() {
        return archive;
    }

    /** Tells the bench screen first, then the other listener (the CLI's line printer). */
    private record BothListeners(UnitListener first, UnitListener second) implements UnitListener {
        @Override
        public void unitStarted(String fixtureId) {
            first.unitStarted(fixtureId);
            second.unitStarted(fixtureId);
        }

        @Override
        public void stepStarted(String fixtureId, String serial, dev.hallmark.engine.api.Step step) {
            first.stepStarted(fixtureId, serial, step);
            second.stepStarted(fixtureId, serial, step);
        }

        @Override
        public void stepWaiting(String fixtureId, String serial, dev.hallmark.engine.api.Step step, String reason,
                                java.time.Duration retryIn) {
            first.stepWaiting(fixtureId, serial, step, reason, retryIn);
            second.stepWaiting(fixtureId, serial, step, reason, retryIn);
        }

        @Override
        public void unitFinished(dev.hallmark.engine.api.UnitOutcome outcome) {
            first.unitFinished(outcome);
            second.unitFinished(outcome);
        }
    }

    @Override
    public void close() {
        scanBench.close();
        screenWorkers.shutdownNow();
        try {
            screenWorkers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
