package dev.hallmark.app.cli;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.workflow.LotSummary;
import dev.hallmark.ui.StationWindow;
import dev.hallmark.ui.bench.BenchViewModel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a lot while the bench window shows it; returns when the lot is done and the operator closed the window. */
final class BenchWindowRun {

    private static final Logger LOG = LoggerFactory.getLogger(BenchWindowRun.class);

    private final BenchViewModel model;
    private final String lot;

    BenchWindowRun(String lot, String profile, List<Fixture> fixtures, Clock clock) {
        this.lot = lot;
        this.model = new BenchViewModel(lot, profile, fixtures, Platform::runLater, clock);
    }

    static boolean possible() {
        return StationWindow.displayAvailable();
    }

    LotSummary run(DemoCommand.LotJob job, UnitListener printer) throws ProvisioningException, InterruptedException {
        try {
            StationWindow.show(model, "Hallmark - lot " + lot, () -> { });
        } catch (RuntimeException e) {
            LOG.warn("the bench window could not be opened; running headless", e);
            System.err.println("hallmark: no window could be opened (" + e.getMessage() + "); running headless");
            return job.run(printer);
        }
        AtomicReference<LotSummary> result = new AtomicReference<>();
        AtomicReference<ProvisioningException> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                LotSummary summary = job.run(new FanOutListener(List.of(printer, model)));
                result.set(summary);
                model.runFinished(String.format("Run finished: %d passed, %d failed", summary.passed(), summary.failed()));
            } catch (ProvisioningException e) {
                failure.set(e);
                model.runFailed(e.oneLine());
            }
        }, "lot-" + lot);
        runner.start();
        runner.join();
        System.out.println("hallmark: close the bench window to finish");
        StationWindow.awaitClosed();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
