package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.CrashOnEnv;
import dev.hallmark.app.lot.LotRun;
import dev.hallmark.app.lot.Manifest;
import dev.hallmark.app.lot.PortFeed;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.station.DataDir;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.SimulatedVendor;
import dev.hallmark.app.station.TargetLinks;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.LotPlan;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.SerialScheme;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.TargetLinkFactory;
import dev.hallmark.engine.workflow.CrashHook;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
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

    @Mixin
    SignIn signIn = new SignIn();

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        DataDir dir = DataDir.resolve(dataDir);
        StationConfig config = StationConfig.load(dir.root());
        ProductProfile named = ProductProfiles.byName(config, profileName);
        // the signing key and the customer key are declared beside the class (conformity.yaml, docs/conformity.md)
        ProductProfile profile = named.withKeys(
                dev.hallmark.app.conformity.ConformityDeclarations.load(dir.root()).keys(named.keys()));
        if (profile.lockLevel().irreversible() && !confirmIrreversible) {
            throw new ProvisioningException(ErrorCode.LOT_IRREVERSIBLE_NOT_CONFIRMED, "profile '" + profile.name()
                    + "' locks devices " + profile.lockLevel() + "; nothing was done");
        }
        LotPlan plan = plan(profile);
        List<Fixture> fixtures = fixtures(config);
        CrashHook crash = CrashOnEnv.fromEnvironment();
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try (EmbeddedStation station = EmbeddedStation.open(dir, module, random, clock, err::println)) {
            StationAccess access = StationAccess.embedded(dir, random, clock, err::println);
            SignedIn who = signIn.require(access, dir, Action.PROVISION, lot);
            Approval approval = null;
            if (profile.lockLevel().irreversible()) {
                access.control().authorize(who, Action.PERMANENT_LOCK, lot);
                approval = signIn.approval(access, who, Action.PERMANENT_LOCK, profile.conformity().twoPersonRule(), lot);
            }
            if (!station.hsm().hasTransportKek()) {
                SimulatedVendor.transportKek(dir, station.hsm(), random, err::println);
            }
            String stationId = config.station() != null ? config.station() : hostName();
            TargetLinkFactory links = TargetLinks.witnessed(TargetLinks.forProfile(profile, clock), config, profileName);
            LotRun run = new LotRun(station, stationId, links, clock, crash, err::println);
            LotRun.Plan work = run.prepare(plan, fixtures);
            List<UnitListener> listeners = new ArrayList<>();
            listeners.add(json ? new UnitJsonPrinter(out, lot) : new UnitLinePrinter(out));
            if (ProgressBar.wanted()) {
                listeners.add(new ProgressBar(err, clock, work.resumed() + Math.min(work.newUnits(), fixtures.size())));
            }
            return RecordedAction.run(access, who, Action.PROVISION, lot, approval, () -> {
                LotRun.Result result = run.run(plan, profile, fixtures, work, new PortFeed(links, err::println),
                        new FanOutListener(listeners));
                (json ? err : out).println(LotSummaryLine.of(result));
                return result.summary().outcomes().isEmpty() || result.summary().allPassed()
                        ? ExitCode.OK : ExitCode.UNITS_FAILED;
            });
        }
    }

    private LotPlan plan(ProductProfile profile) throws ProvisioningException {
        try {
            if (size.manifest != null) {
                List<String> serials = Manifest.read(size.manifest);
                return LotPlan.of(lot, profile.name(), serials.size(), SerialScheme.manifest(serials));
            }
            if (size.count < 1) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--count must be at least 1");
            }
            String pattern = serialPattern != null ? serialPattern : profile.serialPrefix() + "{counter:06}";
            return LotPlan.of(lot, profile.name(), size.count, SerialScheme.pattern(pattern));
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, e.getMessage());
        }
    }

    private List<Fixture> fixtures(StationConfig config) throws ProvisioningException {
        List<Fixture> fixtures = new ArrayList<>();
        HashSet<String> ports = new HashSet<>();
        for (String arg : fixtureArgs) {
            String port = config.fixtures().get(arg);
            Fixture fixture = port != null ? new Fixture(arg, port) : new Fixture(arg, arg);
            if (port == null && !arg.contains("/")) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "fixture '" + arg + "' is neither a port"
                        + " path nor a fixture of " + StationConfig.FILE);
            }
            if (!ports.add(fixture.port())) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "port " + fixture.port()
                        + " is named twice in --fixtures");
            }
            fixtures.add(fixture);
        }
        return fixtures;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "station-1";
        }
    }
}
