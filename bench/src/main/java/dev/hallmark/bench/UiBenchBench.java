package dev.hallmark.bench;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.UnitOutcome;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.ui.StationView;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The bench part of {@code bench ui}: the station window shown while every fixture provisions at full speed. */
final class UiBenchBench {

    private static final long IDLE_MILLIS = 5_000;

    private final DataDir dir;
    private final int fixtures;
    private final int units;
    private final int warmupUnits;

    UiBenchBench(DataDir dir, int fixtures, int units, int warmupUnits) {
        this.dir = dir;
        this.fixtures = fixtures;
        this.units = units;
        this.warmupUnits = warmupUnits;
    }

    String run() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        UnitListener counter = new UnitListener() {
            @Override
            public void unitFinished(UnitOutcome outcome) {
                if (outcome.passed()) {
                    passed.incrementAndGet();
                }
                synchronized (finished) {
                    finished.incrementAndGet();
                    finished.notifyAll();
                }
            }
        };
        String lot = "BENCH-UI-" + clock.millis();
        TimedFxExecutor fxTimed = new TimedFxExecutor();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock, l -> { });
             DemoBench bench = DemoBench.simulated(fixtures, SimulatedVendor.transportKek(dir, station.hsm(), random,
                     l -> { }), random);
             StationUi ui = new StationUi(station, bench, DemoProfile.STM32F4, lot, "bench-ui",
                     SoftHsmToken.defaultModule(), fxTimed, clock, counter)) {
            Stage[] stage = new Stage[1];
            FxPauseMonitor.onFx(() -> {
                stage[0] = new Stage();
                stage[0].setScene(new Scene(new StationView(ui.screens()), 1280, 720));
                stage[0].show();
            });
            Thread.sleep(2000); // the first layout, CSS and JIT warm-up are not the bench's load
            // Nor is the provisioning path's first compilation: a station has run a while when it is judged.
            provision(ui, "WARMUP", warmupUnits, finished, 0);
            int warmPassed = passed.getAndSet(0);
            FxPauseMonitor monitor = new FxPauseMonitor();
            // The baseline: the same window, idle, for as long; the machine's own noise shows here too.
            monitor.start();
            Thread.sleep(IDLE_MILLIS);
            FxPauseMonitor.Figures idle = monitor.stop();
            fxTimed.reset();
            monitor.start();
            long started = System.nanoTime();
            provision(ui, "BOARD", units, finished, warmupUnits);
            double seconds = (System.nanoTime() - started) / 1e9;
            FxPauseMonitor.Figures fx = monitor.stop();
            FxPauseMonitor.onFx(() -> stage[0].hide());
            return String.format(Locale.ROOT, "ui part=bench fixtures=%d warmup_units=%d warmup_passed=%d units=%d passed=%d elapsed_s=%.1f"
                    + " units_per_s=%.2f %s %s idle_%s", fixtures, warmupUnits, warmPassed, units, passed.get(), seconds, units / seconds,
                    fxTimed.line(), fx.line(),
                    idle.line().replace(" fx_", " idle_fx_"));
        }
    }

    /** Scans {@code count} labels as fast as fixtures free up, and waits until {@code before + count} have finished. */
    private static void provision(StationUi ui, String prefix, int count, AtomicInteger finished, int before)
            throws InterruptedException, ProvisioningException {
        for (int i = 0; i < count; i++) {
            String label = String.format(Locale.ROOT, "%s-%06d", prefix, i);
            while (ui.scanBench().start(label).isEmpty()) {
                Thread.sleep(1);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        synchronized (finished) {
            while (finished.get() < before + count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("the units did not finish within 30 minutes");
                }
                finished.wait(left);
            }
        }
    }
}
