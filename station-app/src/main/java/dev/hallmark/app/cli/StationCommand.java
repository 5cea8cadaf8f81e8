package dev.hallmark.app.cli;

import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.conformity.ConformityDeclarations;
import dev.hallmark.app.station.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationKek;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.ui.StationWindow;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
            "Needs a display; returns when the window is closed."})
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

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        int fixtureCount = ports != null ? ports.size() : fixtures;
        if (fixtureCount < 1 || fixtureCount > MAX_FIXTURES) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--fixtures must be between 1 and " + MAX_FIXTURES);
        }
        ProductProfile base = switch (lock) {
            case "readout" -> DemoProfile.STM32F4;
            case "permanent" -> DemoProfile.STM32F4_PERMANENT;
            default -> throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--lock takes readout or permanent, not '"
                    + lock + "'");
        };
        if (idleMinutes < 0) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--idle-minutes must be 0 (never) or more");
        }
        if (!StationWindow.displayAvailable()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the station window needs a display (DISPLAY or WAYLAND_DISPLAY); use 'hallmark demo --headless' without one");
        }
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        PrintStream out = System.out;
        DataDir dir = DataDir.resolve(dataDir);
        try (EmbeddedStation station = EmbeddedStation.open(dir, module, random, clock, out::println);
             DemoBench bench = ports != null ? DemoBench.ports(ports)
                     : DemoBench.simulated(fixtureCount, SimulatedVendor.transportKek(dir, station.hsm(), random,
                             out::println), random)) {
            if (ports != null) {
                // real ports: the ceremony's KEK or a refusal, never the simulated vendor's
                StationKek.select(station.hsm(), dir, KekOrigin.PRODUCTION);
            }
            StationAccess access = StationAccess.embedded(dir, random, clock, out::println);
            ProductProfile profile = ConformityDeclarations.load(dir.root()).applyTo(base, ConformityClass.CLASS_1);
            String stationId = station.config().station() != null ? station.config().station() : hostName();
            try (StationUi ui = new StationUi(station, bench, profile, lot, stationId, module, Platform::runLater,
                    clock, new UnitLinePrinter(out), access, Duration.ofMinutes(idleMinutes))) {
                String title = "Hallmark station " + stationId + " - lot " + lot;
                StationWindow.show(() -> ui.signedInWindow("Station " + stationId + ", lot " + lot + " ("
                        + profile.name() + ")"), title, () -> { });
                out.println("hallmark: station window open; close it to stop");
                StationWindow.awaitClosed();
            }
            return ExitCode.OK;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "station-1";
        }
    }
}
