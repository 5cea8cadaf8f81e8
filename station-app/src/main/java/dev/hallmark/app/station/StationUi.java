package dev.hallmark.app.station;

import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.access.WindowGate;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.StationSettings;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.workflow.StationParts;
import dev.hallmark.engine.workflow.UnitWorkflow;
import dev.hallmark.fuse.stm32.Stm32LinkFactory;
import dev.hallmark.fuse.stm32.Stm32LinkOptions;
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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Wires the station window's screens to an embedded station: the bench (scans start units through a
 * {@link ScanBench}), the lot dashboard and the auditor on the station's archive, the admin screen on its parts.
 * The screens' slow work runs on a small worker pool; {@code fx} is {@code Platform::runLater} in the application.
 */
public final class StationUi implements AutoCloseable {

    private static final int SCREEN_WORKERS = 2;

    private final ExecutorService screenWorkers;
    private final ScanBench scanBench;
    private final StationScreens screens;
    private final UnitArchive archive;
    private final SignInViewModel signIn;
    private final LotStartViewModel lotStart;

    /** The screens without sign-in (the UI benchmark): anyone at the window may use every screen. */
    public StationUi(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                     Path pkcs11Module, Executor fx, Clock clock, UnitListener alsoTell) throws ProvisioningException {
        this(station, bench, profile, lot, stationId, pkcs11Module, fx, clock, alsoTell, null, null);
    }

    /**
     * The screens behind sign-in ({@code access} not null): each screen's work goes through the role gate of
     * {@code ui.signin} on the station's access control, and a permanently locking profile needs the inline
     * confirmation (and, with the two-person rule, the approval) before the first unit. {@code idleLimit} null or
     * zero: no idle sign-out.
     */
    public StationUi(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                     Path pkcs11Module, Executor fx, Clock clock, UnitListener alsoTell, StationAccess access,
                     Duration idleLimit) throws ProvisioningException {
        screenWorkers = Executors.newFixedThreadPool(SCREEN_WORKERS, r -> {
            Thread t = new Thread(r, "screen-worker");
            t.setDaemon(true);
            return t;
        });
        Background background = new Background(screenWorkers, fx);
        BenchViewModel benchModel = new BenchViewModel(lot, profile.name(), bench.fixtures(), fx, clock);
        UnitListener listener = new BothListeners(benchModel, alsoTell);
        station.store().ensureLot(lot, profile.name(), clock.instant());
        Stm32LinkFactory links = new Stm32LinkFactory(Stm32LinkOptions.defaults(), clock);
        StationParts parts = new StationParts(stationId, links, station.keys(), station.keys(), station.issuer(),
                station.store(), clock);
        scanBench = new ScanBench(bench.fixtures(), bench, new UnitWorkflow(parts, profile, lot, listener), listener);
        archive = StationArchive.of(station, clock);
        StationSettings settings = AdminSettings.of(station, pkcs11Module, List.of(profile), bench.fixtures(), links,
                scanBench::busy);
        if (access == null) {
            signIn = null;
            lotStart = null;
            benchModel.scan().attach(scanBench, background);
            screens = new StationScreens(benchModel, new LotDashboardViewModel(archive, background),
                    new AuditorViewModel(archive, background), new AdminViewModel(settings, background));
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
