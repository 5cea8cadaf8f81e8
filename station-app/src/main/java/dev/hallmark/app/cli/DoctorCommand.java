package dev.hallmark.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.app.doctor.CheckResult;
import dev.hallmark.app.doctor.StationDoctor;
import dev.hallmark.app.config.DataDir;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hallmark doctor}: the station checked before a shift; exit 1 when an item fails. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the station before a shift: HSM module, token and PIN (never shown), production KEK and",
            "its KCV, CA chain and days until it expires, audit database (migrations, chain head), fixtures present",
            "and openable, disk space, clock synchronised (timedatectl NTPSynchronized, else chronyc tracking), version.",
            "Exit codes: 0 every item OK or WARN, 1 an item failed (named on its line)."})
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
    Path dataDir;

    @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
            description = "PKCS#11 module of the station token (default ${DEFAULT-VALUE}; station.yaml's hsm: wins).")
    Path module;

    @Option(names = "--json", description = "One JSON object for monitoring instead of the checklist.")
    boolean json;

    @Option(names = "--ca-min-days", defaultValue = "30", paramLabel = "DAYS",
            description = "Fail when a CA certificate expires within this many days (default ${DEFAULT-VALUE}).")
    int caMinDays;

    @Option(names = "--min-free-mb", defaultValue = "1024", paramLabel = "MB",
            description = "Fail when less disk space is free for the records (default ${DEFAULT-VALUE} MB).")
    long minFreeMb;

    @Option(names = "--fixtures", arity = "1..*", paramLabel = "PORT",
            description = "More ports to check besides station.yaml's fixtures.")
    List<String> fixtures = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String[] lines = new VersionLines().getVersion();
        String version = lines[0] + ", " + lines[1];
        List<CheckResult> results = new StationDoctor(DataDir.resolve(dataDir), module,
                new StationDoctor.Limits(caMinDays, minFreeMb), Clock.systemUTC(), version).run(fixtures);
        List<String> failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL)
                .map(CheckResult::item).toList();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode().put("ok", failed.isEmpty());
            ArrayNode checks = root.putArray("checks");
            for (CheckResult r : results) {
                checks.addObject().put("item", r.item()).put("status", r.status().name()).put("detail", r.detail());
            }
            System.out.println(mapper.writeValueAsString(root));
        } else {
            for (CheckResult r : results) {
                System.out.println(String.format(Locale.ROOT, "%-4s  %-12s  %s", r.status(), r.item(), r.detail()));
            }
            System.out.println(failed.isEmpty() ? "doctor: " + results.size() + " items, none failed"
                    : "doctor: " + failed.size() + " of " + results.size() + " items failed: " + String.join(", ", failed));
        }
        System.out.flush();
        return failed.isEmpty() ? ExitCode.OK : ExitCode.UNITS_FAILED;
    }
}
