package dev.hallmark.bench;

import dev.hallmark.app.HallmarkMain;
import dev.hallmark.app.cli.ExitCode;
import dev.hallmark.app.process.ChildJvm;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench ca}: certificates per second of the embedded CA, cfssl and a CMP server, side by side in one run.
 * It sets everything up in a temporary directory, re-executes itself in a private network namespace with the
 * token's SOFTHSM2_CONF (see {@link NamespacedChild}), relays the child's output and exit code, and removes the
 * directory afterwards.
 */
@Command(name = "ca", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Certificates per second of the embedded CA, cfssl and CMP, side by side.",
        description = {"Certificates per second of each issuer on this machine, side by side in one",
            "run: the embedded CA (keys in a SoftHSM2 token on tmpfs), cfssl serve (authsign,",
            "HMAC) and OpenSSL's CMP mock (p10cr, PBM). Everything is set up in a temporary",
            "directory and a private network namespace, and torn down afterwards.",
            "One line per case on stdout:",
            "  issuer=embedded threads=1 certs_per_s=X p50_ms=Y p99_ms=Z",
            "Exit code 0; 1 if some issues failed (their lines end in failed=N); 2 if the",
            "benchmark could not be set up."})
public final class BenchCaCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "500",
            description = "Certificates per case, each for a new unit (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--threads", paramLabel = "T", split = ",", splitSynopsisLabel = ",", defaultValue = "1,2,4",
            description = "Numbers of threads issuing at once; each is one case per issuer (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100",
            description = "Issues per issuer before measuring, not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--issuers", paramLabel = "NAME", split = ",", splitSynopsisLabel = ",", defaultValue = "embedded,cfssl,cmp",
            converter = IssuerNames.class, description = "Issuers to measure (default ${DEFAULT-VALUE}).")
    List<IssuerKind> issuers;

    @Mixin
    ChildBenchOptions child = new ChildBenchOptions();

    @Override
    public Integer call() throws ProvisioningException, InterruptedException {
        CaBenchSettings settings;
        try {
            settings = new CaBenchSettings(count, threads, warmup, issuers, child.json);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return child.inside ? measureHere(settings) : runInNamespace(settings);
    }

    /** The parent: checks the tools, makes the workspace, runs the child in a network namespace, cleans up. */
    private int runInNamespace(CaBenchSettings settings) throws ProvisioningException, InterruptedException {
        Path ip = NamespacedChild.ipTool();
        NamespacedChild.requireTool("unshare", "util-linux");
        NamespacedChild.requireTool("bash", "bash");
        if (settings.issuers().contains(IssuerKind.CFSSL)) {
            NamespacedChild.requireTool("cfssl", "golang-cfssl");
        }
        if (settings.issuers().contains(IssuerKind.CMP)) {
            NamespacedChild.requireTool("openssl", "openssl");
        }
        if (settings.issuers().contains(IssuerKind.EMBEDDED) && !Files.isReadable(SoftHsmToken.defaultModule())) {
            throw new ProvisioningException(ErrorCode.HSM_MODULE_MISSING, "the CA benchmark needs SoftHSM2 ("
                    + SoftHsmToken.defaultModule() + ", Debian package softhsm2), which is not installed here");
        }
        NamespacedChild.requirePermitted(ip);
        PrintWriter err = spec.commandLine().getErr();
        Path dir = BenchWorkspace.create(child.workDir);
        Runnable cleanUp = BenchWorkspace.cleanUpOnce(dir, child.keep, line -> {
            err.println(line);
            err.flush();
        });
        try {
            err.println(String.format(Locale.ROOT, "bench ca: %s, %d certificates per case, threads %s, warm-up %d "
                            + "per issuer; %d CPUs here, compare figures within one run", String.join(", ",
                            settings.issuers().stream().map(IssuerKind::label).toList()), settings.count(),
                    settings.threads(), settings.warmup(), Runtime.getRuntime().availableProcessors()));
            err.flush();
            List<String> args = child.childArgs(spec, settings.toArgs(), dir);
            List<String> command = NamespacedChild.command(ip, ChildJvm.java(), ChildJvm.jvmOptions(dir),
                    System.getProperty("java.class.path"), childMainClass(spec), args);
            return ChildJvm.run(command, Map.of("SOFTHSM2_CONF", EmbeddedCaSetup.softHsmConf(dir).toString(),
                    "HALLMARK_DATA_DIR", dir.toString()), spec.commandLine().getOut(), err, cleanUp);
        } finally {
            cleanUp.run();
        }
    }

    /** The child: measures in this process and prints the results. */
    private int measureHere(CaBenchSettings settings) throws ProvisioningException, InterruptedException {
        Path workspace = child.requireWorkspace(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<CaseResult> results = new CaBenchRun(settings, workspace, line -> {
            err.println(line);
            err.flush();
        }, result -> {
            if (!settings.json()) {
                out.println(result.line());
                out.flush();
            }
        }).run();
        if (settings.json()) {
            ChildBenchOptions.printJson(out, results.stream().map(CaseResult::json).toList());
        }
        return results.stream().anyMatch(r -> r.failed() > 0) ? ExitCode.UNITS_FAILED : ExitCode.OK;
    }

    /** The subcommand names from the root to this command: {@code [bench, ca]} under hallmark, {@code [ca]} alone. */
    static List<String> commandPath(CommandLine.Model.CommandSpec command) {
        List<String> path = new ArrayList<>();
        for (CommandLine.Model.CommandSpec s = command; s.parent() != null; s = s.parent()) {
            path.add(0, s.name());
        }
        return path;
    }

    /** The child starts as this process did: through hallmark's main, or BenchCommand's while it runs alone. */
    static String childMainClass(CommandLine.Model.CommandSpec command) {
        return command.root().userObject() instanceof BenchCommand ? BenchCommand.class.getName()
                : HallmarkMain.class.getName();
    }

    /** Issuer names as on the command line, case-insensitive. */
    static final class IssuerNames implements CommandLine.ITypeConverter<IssuerKind> {
        @Override
        public IssuerKind convert(String value) {
            for (IssuerKind kind : IssuerKind.values()) {
                if (kind.label().equalsIgnoreCase(value.strip())) {
                    return kind;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is no issuer; name embedded, cfssl or cmp");
        }
    }
}
