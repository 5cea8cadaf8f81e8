package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.conformity.ConformityDeclarations;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.DemoLot;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedDeviceTpm;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.StationKek;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.lot.LockConsent;
import dev.hallmark.engine.workflow.LotSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hallmark demo}: the main job on the embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Provision units end to end on the embedded default: a SoftHSM2 token and an embedded CA in the",
            "data directory, simulated STM32F4 devices on pseudo-terminals, and an H2 audit database.",
            "Running it again on the same data directory adds units."})
final class DemoCommand implements Callable<Integer> {

    private static final int MAX_FIXTURES = 16;

    @Option(names = "--count", defaultValue = "5", description = "Units to provision (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--fixtures", description = "Simulated fixtures working in parallel (default: count, at most 4).")
    Integer fixtures;

    @Option(names = "--headless", description = "No window, even where a display exists.")
    boolean headless;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
    Path dataDir;

    @Option(names = "--lot", defaultValue = "DEMO", description = "Lot the units belong to (default ${DEFAULT-VALUE}).")
    String lot;

    @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
            description = "PKCS#11 module of the station token (default ${DEFAULT-VALUE}).")
    Path module;

    @Option(names = "--custody", paramLabel = "KIND", defaultValue = "injected",
            description = {"Where device keys are born: injected (station HSM, wrapped into the device) or",
                "on-device (a TPM 2.0 beside each simulated board: swtpm + tpm2-pkcs11) (default ${DEFAULT-VALUE})."})
    String custody;

    @Option(names = "--target", paramLabel = "CHIP", defaultValue = "stm32f4",
            description = {"The simulated boards: stm32f4 (readout protection) or esp32c3 (eFuses burnt for good;",
                "secure boot with the signing key of conformity.yaml) (default ${DEFAULT-VALUE})."})
    String target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    SignIn signIn = new SignIn();

    @Option(names = "--port", paramLabel = "PATH",
            description = "Use this serial port as a fixture instead of a simulated device (repeatable; one unit each).")
    List<String> ports;

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        int fixtureCount = ports != null ? ports.size() : fixtures != null ? fixtures : Math.min(count, 4);
        if (count < 1 || fixtureCount < 1 || fixtureCount > MAX_FIXTURES) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "--count must be at least 1 and --fixtures between 1 and " + MAX_FIXTURES);
        }
        boolean onDevice = switch (custody) {
            case "injected" -> false;
            case "on-device" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--custody takes injected or on-device, not '" + custody + "'");
        };
        if (!target.equals("stm32f4") && !target.equals("esp32c3")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--target takes stm32f4 or esp32c3, not '" + target + "'");
        }
        if (onDevice && ports != null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--custody on-device simulates the boards' "
                    + "TPMs and cannot be combined with --port");
        }
        if (onDevice && !SimulatedDeviceTpm.environmentSet()) {
            return DemoWithTpm.run(spec, DataDir.resolve(dataDir));
        }
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        PrintStream out = System.out;
        DataDir dir = DataDir.resolve(dataDir);
        try (EmbeddedStation station = EmbeddedStation.open(dir, module, random, clock, out::println);
             DemoBench bench = ports != null ? DemoBench.ports(ports)
                     : simulatedBench(fixtureCount, SimulatedVendor.transportKek(dir, station.hsm(), random,
                             out::println), random)) {
            if (ports != null) {
                // sim: ports are simulated boards (the simulated vendor's KEK); real ports need the ceremony's KEK or
                // are refused (HM-230), never the simulated vendor's; one lot never mixes them (HM-231)
                for (String port : ports) {
                    ProductProfiles.requirePseudoTerminal(port);
                }
                StationKek.forPorts(station.hsm(), dir, ports, random, out::println);
            }
            StationAccess access = StationAccess.embedded(dir, random, clock, out::println)
                    .anchorWith(station.actionAnchor());
            SignedIn who = signIn.require(access, dir, Action.PROVISION, lot);
            ProductProfile profile = ConformityDeclarations.load(dir.root()).applyTo(
                    DemoProfile.of(target, onDevice), ConformityClass.CLASS_1);
            Approval approval = null;
            if (profile.lockLevel().irreversible()) {
                access.control().authorize(who, Action.PERMANENT_LOCK, lot);
                approval = signIn.approval(access, who, Action.PERMANENT_LOCK, profile.conformity().twoPersonRule(), lot);
            }
            String stationId = station.config().stationId();
            DemoLot demoLot = new DemoLot(station, bench, profile, lot, stationId, clock,
                    onDevice ? SimulatedDeviceTpm.tokens(bench.fixtures(), random) : null)
                    .withConsent(profile.lockLevel().irreversible()
                            ? LockConsent.confirmed("the permanent-lock authorization at sign-in", approval) : null);
            LotJob job = listener -> demoLot.run(count, listener);
            UnitListener printer = new UnitLinePrinter(out);
            return RecordedAction.run(access, who, Action.PROVISION, lot, approval, () -> {
                LotSummary summary = !headless && BenchWindowRun.possible()
                        ? new BenchWindowRun(lot, profile.name(), bench.fixtures(), clock).run(job, printer)
                        : job.run(printer);
                out.println(summaryLine(summary, dir));
                return summary.allPassed() ? ExitCode.OK : ExitCode.UNITS_FAILED;
            });
        }
    }

    private DemoBench simulatedBench(int count, byte[] kek, SecureRandom random) throws ProvisioningException {
        return target.equals("esp32c3") ? DemoBench.esp32c3(count, kek, random)
                : DemoBench.simulated(count, kek, random);
    }

    static String summaryLine(LotSummary summary, DataDir dir) {
        int units = summary.outcomes().size();
        return String.format(Locale.ROOT, "lot %s: %d passed, %d failed, %d unit%s in %.1f s; records in %s",
                summary.lot(), summary.passed(), summary.failed(), units, units == 1 ? "" : "s",
                summary.elapsed().toMillis() / 1000.0, dir.audit());
    }


    /** A lot's run, handed the listener that shows its progress. */
    @FunctionalInterface
    interface LotJob {
        LotSummary run(UnitListener listener) throws ProvisioningException;
    }
}
