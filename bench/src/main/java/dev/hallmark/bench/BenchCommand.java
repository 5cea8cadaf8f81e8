package dev.hallmark.bench;

import dev.hallmark.app.cli.ExitCode;
import dev.hallmark.app.process.ChildJvm;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hallmark bench}: lots at line speed against the physical limit; one subcommand per part of the station. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCaCommand.class, BenchHsmCommand.class,
        BenchSerialCommand.class, BenchUiCommand.class},
        sortOptions = false,
        description = {"Measure the station on this machine. Without a subcommand: lots on a",
            "whole embedded station (SoftHSM2 token, embedded CA, H2) over 1, 2, 4 and 8",
            "fixtures of simulated STM32F4 boards, at realistic device timing (115200",
            "baud 8E1, datasheet programming and erase delays) and at zero latency,",
            "against the physical minimum (the boards' bytes on the wire x byte time +",
            "their delays + a unit's token work, measured in the same run). A line per",
            "case: timing=realistic fixtures=8 units_per_hour=X per_unit_ms=Y",
            "      physical_min_ms=Z ratio=R hsm_ratio=Q units=N failed=F",
            "The subcommands measure single parts. Compare figures within one run."})
public final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--timings", paramLabel = "T", split = ",", splitSynopsisLabel = ",", defaultValue = "realistic,zero",
            description = "Device timings, one case each per fixture count (default ${DEFAULT-VALUE}).")
    List<String> timings;

    @Option(names = "--fixtures", paramLabel = "N", split = ",", splitSynopsisLabel = ",", defaultValue = "1,2,4,8",
            description = "Fixture counts (default ${DEFAULT-VALUE}).")
    List<Integer> fixtures;

    @Option(names = "--baud", paramLabel = "RATE", defaultValue = "115200",
            description = "Line speed of the realistic timing (default ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--realistic-units", paramLabel = "N", defaultValue = "3",
            description = "Units per fixture in a realistic case (default ${DEFAULT-VALUE}).")
    int realisticUnits;

    @Option(names = "--zero-units", paramLabel = "N", defaultValue = "12",
            description = "Units per fixture in a zero-latency case (default ${DEFAULT-VALUE}).")
    int zeroUnits;

    @Option(names = "--token-ms", paramLabel = "MS", defaultValue = "3000",
            description = "How long the token's own work is timed, after as long a warm-up (default ${DEFAULT-VALUE}).")
    long tokenMillis;

    @Mixin
    ChildBenchOptions child = new ChildBenchOptions();

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        LotBenchSettings settings;
        try {
            settings = new LotBenchSettings(timings, fixtures, baud, realisticUnits, zeroUnits,
                    Duration.ofMillis(tokenMillis));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return child.inside ? measureHere(settings) : runChild(settings);
    }

    /** The parent: a temporary station directory on tmpfs, the child JVM with its SOFTHSM2_CONF, clean-up. */
    private int runChild(LotBenchSettings settings) throws ProvisioningException, InterruptedException {
        if (!Files.isReadable(SoftHsmToken.defaultModule())) {
            throw new ProvisioningException(ErrorCode.HSM_MODULE_MISSING, "the benchmark needs SoftHSM2 ("
                    + SoftHsmToken.defaultModule() + ", Debian package softhsm2), which is not installed here");
        }
        PrintWriter err = spec.commandLine().getErr();
        Path dir = BenchWorkspace.create(child.workDir);
        Runnable cleanUp = BenchWorkspace.cleanUpOnce(dir, child.keep, line -> {
            err.println(line);
            err.flush();
        });
        try {
            err.println(String.format(Locale.ROOT, "bench: timings %s, fixtures %s, %d units per fixture (realistic) "
                            + "and %d (zero); %d CPUs here, compare figures within one run", settings.timings(),
                    settings.fixtures(), settings.realisticUnitsPerFixture(), settings.zeroUnitsPerFixture(),
                    Runtime.getRuntime().availableProcessors()));
            err.flush();
            List<String> args = child.childArgs(spec, settings.toArgs(), dir);
            List<String> command = ChildJvm.command(ChildJvm.jvmOptions(dir), BenchCaCommand.childMainClass(spec), args);
            return ChildJvm.run(command, Map.of("SOFTHSM2_CONF", SoftHsmToken.confFile(dir).toString(),
                    "HALLMARK_DATA_DIR", dir.toString()), spec.commandLine().getOut(), err, cleanUp);
        } finally {
            cleanUp.run();
        }
    }

    /** The child: the station, the cases, the lines. */
    private int measureHere(LotBenchSettings settings) throws ProvisioningException {
        Path workspace = child.requireWorkspace(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<LotBenchCase> cases = new LotBenchRun(settings, workspace, line -> {
            err.println(line);
            err.flush();
        }, result -> {
            if (!child.json) {
                out.println(result.line());
                out.flush();
            }
        }).run();
        if (child.json) {
            ChildBenchOptions.printJson(out, cases.stream().map(LotBenchCase::json).toList());
        }
        return cases.stream().anyMatch(c -> c.failed() > 0) ? ExitCode.UNITS_FAILED : ExitCode.OK;
    }

    /**
     * Runs {@code bench} as its own root command (for trials while it is not registered under {@code hallmark},
     * and as the namespaced child of {@code bench ca} then); failures end as one line on stderr, as in hallmark.
     */
    public static void main(String[] args) {
        System.exit(execute(new CommandLine(new BenchCommand()), args));
    }

    /** Executes {@code args} on {@code cli} with the station's handling of failures and exit codes. */
    static int execute(CommandLine cli, String[] args) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ProvisioningException p) {
                LOG.error("{}", p.oneLine(), p);
                err.println("hallmark: " + p.oneLine());
            } else {
                LOG.error("unexpected failure", e);
                err.println("hallmark: HM-900 station: unexpected " + e + " - this is a defect; keep the log ("
                        + System.getProperty("hallmark.log.dir") + ") and report it");
            }
            err.flush();
            return ExitCode.CONFIGURATION;
        });
        cli.setExitCodeExceptionMapper(e -> ExitCode.CONFIGURATION);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.CONFIGURATION);
        return cli.execute(args);
    }
}
