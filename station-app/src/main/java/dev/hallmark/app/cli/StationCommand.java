package dev.hallmark.app.cli;

import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.CrashOnEnv;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.station.ConfiguredDeviceTokens;
import dev.hallmark.app.conformity.ConformityDeclarations;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.metrics.StationMetrics;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationKek;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.ui.StationWindow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hallmark station}: the station window with its four screens on the embedded default. */
@Command(name = "station", mixinStandardHelpOptions = true,
        description = {"Open the station window on the embedded default: the operator's bench (scan a board label",
            "and press Enter to start a unit on the next free fixture), the lot dashboard, the auditor's search",
            "and the admin screen (F1 to F4). Fixtures are simulated STM32F4 boards unless --port is given.",
            "The window opens on the sign-in screen; each screen is open to the roles of docs/access-control.md.",
            "--lock permanent runs a profile that locks for good (RDP level 2): the first unit then needs an inline",
            "confirmation, and a second person's approval where conformity.yaml turns the two-person rule on.",
            "--profile runs a profile of station.yaml instead (any chip family and custody); --quota and --serials give",
            "the lot its plan as provision does. The class is checked before the window opens; units this station",
            "left under way on the fixtures are resumed when it opens. Needs a display; returns when it is closed."})
final class StationCommand implements Callable<Integer> {

    private static final int MAX_FIXTURES = 16;

    @Option(names = "--fixtures", defaultValue = "4", description = "Simulated fixtures (default ${DEFAULT-VALUE}).")
    int fixtures;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
    Path dataDir;

    @Option(names = "--lot", defaultValue = "DEMO", description = "Lot the units belong to (default ${DEFAULT-VALUE}).")
    String lot;

    @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
            description = "PKCS#11 module of the station token (default ${DEFAULT-VALUE}).")
    Path module;

    @Option(names = "--port", paramLabel = "PATH",
            description = "Use this serial port as a fixture instead of a simulated device (repeatable).")
    List<String> ports;

    @Option(names = "--lock", paramLabel = "LEVEL", defaultValue = "readout",
            description = "The demo profile's lock level: readout (RDP level 1, reversible) or permanent (RDP level 2)"
                    + " (default ${DEFAULT-VALUE}).")
    String lock;

    @Option(names = "--idle-minutes", paramLabel = "N", defaultValue = "0",
            description = "Sign the operator out after N minutes without a key or mouse press; 0: never"
                    + " (default ${DEFAULT-VALUE}).")
    int idleMinutes;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics, localhost only, e.g. 127.0.0.1:9464.")
    String metricsAddress;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Run this product profile of station.yaml (any chip family; its custody; the lot plan of "
                    + "--quota and --serials) instead of the demo profile of --lock.")
    String profileName;

    @Option(names = "--quota", paramLabel = "N",
            description = "Open (or continue) the lot with this quota, as provision --count does; without it the lot"
                    + " is open-ended.")
    Integer quota;

    @Option(names = "--serials", paramLabel = "PATTERN",
            description = "Serial pattern of the lot plan with --quota (default: profile prefix + {counter:06}).")
    String serialPattern;

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        int fixtureCount = ports != null ? ports.size() : fixtures;
        if (fixtureCount < 1 || fixtureCount > MAX_FIXTURES) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--fixtures must be between 1 and " + MAX_FIXTURES);
        }
        if (idleMinutes < 0) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--idle-minutes must be 0 (never) or more");
        }
        if (serialPattern != null && quota == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--serials names the serials of a lot plan: "
                    + "give --quota too");
        }
        DataDir dir = DataDir.resolve(dataDir);
        StationConfig config = StationConfig.load(dir.root());
        ProductProfile profile = profileName != null ? ProductProfiles.forLot(config, dir.root(), profileName)
                : ConformityDeclarations.load(dir.root()).applyTo(demoProfile(), ConformityClass.CLASS_1);
        LotPlan plan = quota == null ? null : ProductProfiles.plan(lot, profile, quota, serialPattern);
        List<Fixture> given = ports == null ? null : ProductProfiles.fixtures(config, ports, "--port");
        if (!StationWindow.displayAvailable()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the station window needs a display (DISPLAY or WAYLAND_DISPLAY); use 'hallmark demo --headless' without one");
        }
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        PrintStream out = System.out;
        try (EmbeddedStation station = EmbeddedStation.open(dir, module, random, clock, out::println);
             DemoBench bench = bench(dir, station, profile, given, fixtureCount, random, out)) {
            StationAccess access = StationAccess.embedded(dir, random, clock, out::println)
                    .anchorWith(station.actionAnchor());
            String stationId = station.config().stationId();
            DeviceTokens deviceTokens = profile.custody() == KeyCustody.ON_DEVICE
                    ? ConfiguredDeviceTokens.of(station.config()).orElse(null) : null;
            StationMetrics metrics = metricsAddress == null ? null : StationMetrics.serve(metricsAddress, stationId);
            // with --metrics the HSM, CA and database calls of the lot are timed as in provision
            StationUi.Lot toRun = new StationUi.Lot(lot, profile, plan, deviceTokens, CrashOnEnv.fromEnvironment(),
                    metrics == null ? UnaryOperator.identity() : metrics::parts);
            UnitListener tell = metrics == null ? new UnitLinePrinter(out)
                    : new FanOutListener(List.of(new UnitLinePrinter(out), metrics.listener()));
            try (StationUi ui = new StationUi(station, bench, toRun, stationId, module, Platform::runLater,
                    clock, tell, access, Duration.ofMinutes(idleMinutes))) {
                if (!ui.resumed().isEmpty()) {
                    out.println("hallmark: resuming the units left under way on fixture(s) "
                            + String.join(", ", ui.resumed()));
                }
                String title = "Hallmark station " + stationId + " - lot " + lot;
                StationWindow.show(() -> ui.signedInWindow("Station " + stationId + ", lot " + lot + " ("
                        + profile.name() + ")"), title, () -> { });
                out.println("hallmark: station window open; close it to stop");
                StationWindow.awaitClosed();
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
            }
            return ExitCode.OK;
        }
    }

    private ProductProfile demoProfile() throws ProvisioningException {
        return switch (lock) {
            case "readout" -> DemoProfile.STM32F4;
            case "permanent" -> DemoProfile.STM32F4_PERMANENT;
            default -> throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--lock takes readout or permanent, not '"
                    + lock + "'");
        };
    }

    /** The given ports, or simulated boards of the profile's chip family (ESP32-C3 or STM32F4). */
    private static DemoBench bench(DataDir dir, EmbeddedStation station, ProductProfile profile, List<Fixture> given,
                                   int count, SecureRandom random, PrintStream out) throws ProvisioningException {
        if (given != null) {
            // sim: ports are simulated boards (the simulated vendor's KEK); real ports need the ceremony's KEK or are
            // refused (HM-230), never the simulated vendor's; one lot never mixes them (HM-231)
            StationKek.forPorts(station.hsm(), dir, given.stream().map(Fixture::id).toList(), random, out::println);
            return DemoBench.fixtures(given);
        }
        byte[] kek = SimulatedVendor.transportKek(dir, station.hsm(), random, out::println);
        return profile.chipFamily().toUpperCase(Locale.ROOT).startsWith("ESP32") ? DemoBench.esp32c3(count, kek, random)
                : DemoBench.simulated(count, kek, random);
    }

}
