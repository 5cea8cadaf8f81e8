package dev.hallmark.app;

import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.CrashOnEnv;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The station window's unit path in a JVM of its own, for the crash harness: the window's wiring ({@link StationUi}
 * as {@code hallmark station --profile --quota --serials --port} builds it, with the crash point of
 * HALLMARK_CRASH_AT) takes one scan through its {@code ScanBench}, as the scan field hands it over, and the
 * station kills itself with SIGKILL at the crash point. The screens are not rendered here (no toolkit): the
 * restart is the real window on Monocle. Exits 3 if the crash point was never reached.
 *
 * <p>Arguments: data dir, lot, quota, serial pattern, scan label, port.
 */
public final class WindowCrashChild {

    private WindowCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String lot = args[1];
        DataDir dir = new DataDir(root);
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock,
                l -> { })) {
            if (!station.hsm().hasTransportKek()) {
                SimulatedVendor.transportKek(dir, station.hsm(), random, l -> { });
            }
            StationConfig config = StationConfig.load(root);
            ProductProfile profile = ProductProfiles.forLot(config, root, "demo-stm32f4");
            List<Fixture> fixtures = ProductProfiles.fixtures(config, List.of(args[5]), "--port");
            try (DemoBench bench = DemoBench.fixtures(fixtures);
                 StationUi ui = new StationUi(station, bench, new StationUi.Lot(lot, profile,
                         ProductProfiles.plan(lot, profile, Integer.parseInt(args[2]), args[3]), null,
                         CrashOnEnv.fromEnvironment()), config.station(), SoftHsmToken.defaultModule(), Runnable::run,
                         clock, UnitListener.none(), null, null)) {
                ui.scanBench().start(args[4]);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                do {
                    Thread.sleep(50);
                } while (ui.scanBench().busy(fixtures.get(0).id()) && System.nanoTime() < deadline);
            }
        }
        System.exit(3);
    }
}
