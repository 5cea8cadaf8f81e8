package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.CrashOnEnv;
import dev.hallmark.app.lot.Manifest;
import dev.hallmark.app.lot.PortFeed;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.metrics.StationMetrics;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.ConfiguredDeviceTokens;
import dev.hallmark.app.station.StationKek;
import dev.hallmark.app.station.StationLots;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.TransportKek;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SerialScheme;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.lot.LockConsent;
import dev.hallmark.engine.lot.LotSession;
import dev.hallmark.engine.lot.LotStart;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.workflow.CrashHook;
import dev.hallmark.engine.workflow.TransportKeyRule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hallmark provision}: a lot on the bench's fixtures, for scripts; the same command again continues it. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Provision a lot on the devices of the given fixtures, one worker per fixture. The lot is opened",
            "with its profile, quota (--count, or the manifest's rows) and serial scheme; running the same command",
            "again resumes units a stopped run left unfinished and continues the lot until its quota has passed.",
            "Exit codes: 0 all units of the run passed, 1 some failed, 2 configuration error, 130 interrupted."})
final class ProvisionCommand implements Callable<Integer> {

    @Option(names = "--lot", required = true, description = "The lot's name.")
    String lot;

    @Option(names = "--profile", required = true,
            description = "Product profile: one of station.yaml's profiles, or demo-stm32f4.")
    String profileName;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    /** --count or --manifest, one of them. */
    static final class Size {
        @Option(names = "--count", paramLabel = "N", description = "The lot's quota; serials from --serials.")
        Integer count;

        @Option(names = "--manifest", paramLabel = "FILE",
                description = "units.csv: one serial per row (header 'serial' optional); the quota is its row count.")
        Path manifest;
    }

    @Option(names = "--serials", paramLabel = "PATTERN",
            description = "Serial pattern with --count, e.g. HM-F4-{counter:06} (default: profile prefix + {counter:06}).")
    String serialPattern;

    @Option(names = "--fixtures", arity = "1..*", required = true, paramLabel = "PORT",
            description = "Serial ports (or fixture names of station.yaml), one worker each.")
    List<String> fixtureArgs;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
    Path dataDir;

    @Option(names = "--json", description = "One JSON object per unit on stdout; notes and the summary on stderr.")
    boolean json;

    @Option(names = "--confirm-irreversible", description = "Required when the profile's lock cannot be undone.")
    boolean confirmIrreversible;

    @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
            description = "PKCS#11 module of the station token (default ${DEFAULT-VALUE}).")
    Path module;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics, localhost only, e.g. 127.0.0.1:9464.")
    String metricsAddress;

    @Option(names = "--metrics-linger", paramLabel = "SECONDS", defaultValue = "0",
            description = "With --metrics: keep serving this long after the lot, for the last scrape (default 0).")
    int metricsLinger;

    @Mixin
    SignIn signIn = new SignIn();

    private final List<String> portArgs = new ArrayList<>();

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        DataDir dir = DataDir.resolve(dataDir);
        StationConfig config = StationConfig.load(dir.root());
        ProductProfile profile = ProductProfiles.forLot(config, dir.root(), profileName);
        if (profile.lockLevel().irreversible() && !confirmIrreversible) {
            throw new ProvisioningException(ErrorCode.LOT_IRREVERSIBLE_NOT_CONFIRMED, "profile '" + profile.name()
                    + "' locks devices " + profile.lockLevel() + "; nothing was done");
        }
        LotPlan plan = plan(profile);
        List<Fixture> fixtures = ProductProfiles.fixtures(config, fixtureArgs, "--fixtures");
        portArgs.clear();
        for (String arg : fixtureArgs) {
            portArgs.add(config.fixtures().getOrDefault(arg, arg));
        }
        CrashHook crash = CrashOnEnv.fromEnvironment();
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, module, random, clock, err::println)) {
            StationAccess access = StationAccess.embedded(dir, random, clock, err::println)
                    .anchorWith(station.actionAnchor());
            SignedIn who = signIn.require(access, dir, Action.PROVISION, lot);
            Approval approval = null;
            if (profile.lockLevel().irreversible()) {
                access.control().authorize(who, Action.PERMANENT_LOCK, lot);
                approval = signIn.approval(access, who, Action.PERMANENT_LOCK, profile.conformity().twoPersonRule(), lot);
            }
            // simulated boards (sim: ports) take the simulated vendor's KEK, real ports the ceremony's; never mixed
            KekOrigin needed = TransportKeyRule.originFor(portArgs);
            TransportKek kek = needed == KekOrigin.SIMULATED_VENDOR
                    ? selectSimulated(dir, station, random, err) : StationKek.select(station.hsm(), dir, needed);
            TransportKeyRule.requireSameAsLot(station.store(), lot, kek);
            String stationId = config.stationId();
            DeviceTokens deviceTokens = profile.custody() == KeyCustody.ON_DEVICE
                    ? ConfiguredDeviceTokens.of(config).orElse(null) : null;
            LotStart start = new LotStart(lot, profile, plan, fixtures, profile.lockLevel().irreversible()
                    ? LockConsent.confirmed("--confirm-irreversible", approval) : null, crash, err::println);
            List<UnitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
            listeners.add(json ? new UnitJsonPrinter(out, lot) : new UnitLinePrinter(out));
            StationMetrics metrics = metricsAddress == null ? null : StationMetrics.serve(metricsAddress, stationId);
            if (metrics != null) {
                listeners.add(metrics.listener());
            }
            FanOutListener shown = new FanOutListener(listeners);
            try {
                return RecordedAction.run(access, who, Action.PROVISION, lot, approval, () -> {
                    LotSession session = metrics == null
                            ? StationLots.open(station, stationId, clock, deviceTokens, start, shown)
                            : StationLots.open(station, stationId, clock, deviceTokens, start, shown, metrics::parts);
                    if (ProgressBar.wanted()) {
                        listeners.add(new ProgressBar(err, clock, session.leftUnderWay()
                                + Math.min(session.plannedNew(), fixtures.size())));
                    }
                    LotSession.Result result = session.runPlan(new PortFeed(session.links(), err::println));
                    (json ? err : out).println(LotSummaryLine.of(result));
                    return result.summary().outcomes().isEmpty() || result.summary().allPassed()
                            ? ExitCode.OK : ExitCode.UNITS_FAILED;
                });
            } finally {
                if (metrics != null) {
                    metrics.closeAfter(java.time.Duration.ofSeconds(metricsLinger));
                }
            }
        }
    }

    private static TransportKek selectSimulated(DataDir dir, EmbeddedStation station, SecureRandom random,
            PrintStream err) throws ProvisioningException {
        SimulatedVendor.transportKek(dir, station.hsm(), random, err::println);
        return station.keys().transportKek().orElseThrow();
    }

    private LotPlan plan(ProductProfile profile) throws ProvisioningException {
        if (size.manifest != null) {
            List<String> serials = Manifest.read(size.manifest);
            try {
                return LotPlan.of(lot, profile.name(), serials.size(), SerialScheme.manifest(serials));
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, e.getMessage());
            }
        }
        return ProductProfiles.plan(lot, profile, size.count, serialPattern);
    }

}
