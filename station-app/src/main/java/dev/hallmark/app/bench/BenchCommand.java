package dev.hallmark.app.bench;

import dev.hallmark.app.cli.ExitCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hallmark bench}: the benchmarks, one subcommand per part of the station. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCaCommand.class, BenchUiCommand.class},
        description = {"Measure parts of the station on this machine. Each case prints one",
            "key=value line (or, with --json, one element of a JSON array); compare",
            "figures within one run."})
public final class BenchCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. 'bench ca'");
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
