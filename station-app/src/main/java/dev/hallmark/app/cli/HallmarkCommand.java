package dev.hallmark.app.cli;

import dev.hallmark.engine.api.ProvisioningException;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the hallmark command line; modules on the classpath add theirs as {@link CommandExtension}s. */
@Command(name = "hallmark", mixinStandardHelpOptions = true, versionProvider = VersionLines.class,
        description = "Provisioning station for IoT manufacturing lines: hardware-bound identities, debug locks, audit records.",
        subcommands = {DemoCommand.class, ProvisionCommand.class, LotCommand.class, AuditCommand.class, CaCommand.class,
            SimCommand.class, DeviceCommand.class, HsmCommand.class,
            StationCommand.class, OperatorCommand.class,
            UnitCommand.class})
public final class HallmarkCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HallmarkCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read by HallmarkMain before the first logger exists; declared here so every command accepts it. */
    @CommandLine.Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, paramLabel = "plain|json",
            description = "the station log's format: plain lines (default) or JSON lines (also HALLMARK_LOG_FORMAT)")
    LogFormat logFormat;

    /** The station log's formats. */
    enum LogFormat { plain, json }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'hallmark demo --count 5'");
    }

    /** The command line with the subcommands of every {@link CommandExtension} on the classpath added. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HallmarkCommand());
        for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
            cli.addSubcommand(extension.command());
        }
        return cli;
    }

    /** Runs the command line and returns the exit code; every ProvisioningException ends as one line on stderr. */
    public static int execute(String[] args) {
        CommandLine cli = commandLine();
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ProvisioningException p) {
                LOG.error("{}", p.oneLine(), p);
                err.println("hallmark: " + p.oneLine());
                err.flush();
                return ExitCode.CONFIGURATION;
            }
            LOG.error("unexpected failure", e);
            err.println("hallmark: HM-900 station: unexpected " + e + " - this is a defect; keep the station log ("
                    + System.getProperty("hallmark.log.dir") + ") and report it");
            err.flush();
            return ExitCode.CONFIGURATION;
        });
        cli.setExitCodeExceptionMapper(e -> ExitCode.CONFIGURATION);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.CONFIGURATION);
        return cli.execute(args);
    }
}
