package dev.hallmark.bench;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench ui}: how responsive the station window stays: the longest FX-thread pause while eight fixtures
 * provision at full speed, and the auditor's table over a million generated units, scrolled, jumped and filtered.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Responsiveness of the station window under load.",
        description = {"Two parts, one key=value line each (figures in ms):",
            "  part=bench: the bench screen while N fixtures provision units at full speed",
            "    (simulated STM32F4 boards, the station's token, CA and database in --data-dir);",
            "    the FX thread's pulse gaps (about 16.7 ms when free; the longest is the worst pause).",
            "  part=auditor: the auditor's table over generated units in --archive-dir (loaded once,",
            "    reused after): count, sequential scrolling, random jumps, two filters; how long until",
            "    the visible rows are filled, the rows held in memory, and the FX pulse gaps.",
            "Headless on Monocle where no display exists. Exit 0; 2 if it could not be set up."})
public final class BenchUiCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data directory for the bench part.")
    Path dataDir;

    @Option(names = "--fixtures", defaultValue = "8", description = "Fixtures provisioning at once (default ${DEFAULT-VALUE}).")
    int fixtures;

    @Option(names = "--units", defaultValue = "160", description = "Units to provision (default ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--warmup-units", defaultValue = "80", description = "Units provisioned before the measurement,"
            + " so the JIT has compiled the provisioning path as on a station that has run a while"
            + " (default ${DEFAULT-VALUE}; 0 measures a cold start).")
    int warmupUnits;

    @Option(names = "--archive-dir", paramLabel = "DIR", defaultValue = "/dev/shm/hallmark-bench-ui-archive",
            description = "Where the generated archive is kept (default ${DEFAULT-VALUE}).")
    Path archiveDir;

    @Option(names = "--archive-units", defaultValue = "1000000",
            description = "Generated units in the archive (default ${DEFAULT-VALUE}).")
    int archiveUnits;

    @Option(names = "--archive-journals",
            description = "Generate each unit's journal, claim and evidence too (~20x the rows; the table reads none of them).")
    boolean archiveJournals;

    @Option(names = "--parts", split = ",", defaultValue = "bench,auditor", description = "Parts to run (default ${DEFAULT-VALUE}).")
    java.util.List<String> parts;

    @Override
    public Integer call() throws Exception {
        if (fixtures < 1 || fixtures > 16 || units < 1 || warmupUnits < 0 || archiveUnits < 1) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "--fixtures must be 1 to 16, --units and --archive-units at least 1, --warmup-units at least 0");
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        startToolkit();
        try {
            if (parts.contains("bench")) {
                out.println(new UiBenchBench(DataDir.resolve(dataDir), fixtures, units, warmupUnits).run());
            }
            if (parts.contains("auditor")) {
                out.println(new UiBenchAuditor(archiveDir, archiveUnits, archiveJournals).run());
            }
            out.println("load_average=" + String.format(java.util.Locale.ROOT, "%.1f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                    + " cpus=" + Runtime.getRuntime().availableProcessors());
            out.flush();
            return 0;
        } finally {
            Platform.exit();
        }
    }

    /** Starts the toolkit, on Monocle with software rendering where no display exists. */
    private static void startToolkit() throws InterruptedException {
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        if (!display) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        java.util.concurrent.CountDownLatch up = new java.util.concurrent.CountDownLatch(1);
        Platform.startup(up::countDown);
        Platform.setImplicitExit(false);
        up.await();
    }
}
