package dev.hallmark.app.station;

import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
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

    public StationUi(EmbeddedStation station, DemoBench bench, ProductProfile profile, String lot, String stationId,
                     Path pkcs11Module, Executor fx, Clock clock, UnitListener alsoTell) throws ProvisioningException {
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
        benchModel.scan().attach(scanBench, background);
        archive = StationArchive.of(station, clock);
        screens = new StationScreens(benchModel, new LotDashboardViewModel(archive, background),
                new AuditorViewModel(archive, background), new AdminViewModel(AdminSettings.of(station, pkcs11Module,
                        List.of(profile), bench.fixtures(), links, scanBench::busy), background));
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
