package dev.hallmark.app.doctor;

import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.workflow.TransportKeyRule;
import dev.hallmark.fuse.serial.SerialPorts;
import dev.hallmark.hsm.keystore.KekFacts;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a station before a shift, item by item, each on its own so that one fault names its item and does not hide
 * the others: HSM (module, token, PIN), production KEK, CA chain, audit database, fixtures, disk, clock, version.
 */
public final class StationDoctor {

    /** Thresholds a plant may tighten. */
    public record Limits(int caMinDays, long minFreeMegabytes) {
    }

    private final DataDir dir;
    private final Path module;
    private final Limits limits;
    private final Clock clock;
    private final String version;

    public StationDoctor(DataDir dir, Path module, Limits limits, Clock clock, String version) {
        this.dir = dir;
        this.module = module;
        this.limits = limits;
        this.clock = clock;
        this.version = version;
    }

    /** Every item, in checklist order. */
    public List<CheckResult> run(List<String> extraFixtures) {
        List<CheckResult> results = new ArrayList<>();
        StationConfig config;
        try {
            config = StationConfig.load(dir.root());
        } catch (ProvisioningException e) {
            results.add(CheckResult.fail("config", e.code().id() + " " + e.getMessage()));
            return results;
        }
        try (Pkcs11Station hsm = EmbeddedStation.openTokenOnly(dir, module)) {
            results.add(CheckResult.ok("hsm", "module " + module + " loads, token '" + hsm.tokenLabel()
                    + "' found, user PIN accepted (not shown)"));
            results.add(kek(hsm));
        } catch (ProvisioningException e) {
            results.add(CheckResult.fail("hsm", e.code().id() + " " + e.getMessage()));
            results.add(CheckResult.fail("kek", "not checked: the HSM did not open"));
        }
        Path chain = config.ca().chain() != null ? config.ca().chain() : dir.ca().resolve("chain.pem");
        results.add(CaChainCheck.check(chain, clock.instant(), limits.caMinDays()));
        results.add(database());
        results.addAll(fixtures(config, extraFixtures));
        results.add(disk());
        results.add(ClockCheck.check());
        results.add(CheckResult.ok("version", version + " (Java " + Runtime.version() + ")"));
        return results;
    }

    private static CheckResult kek(Pkcs11Station hsm) {
        try {
            Optional<KekFacts> kek = hsm.keks().find(KekOrigin.PRODUCTION);
            if (kek.isEmpty()) {
                return CheckResult.fail("kek", "no production transport KEK in token '" + hsm.tokenLabel()
                        + "': run the ceremony, 'hallmark kek import --split 2' (docs/hsm.md)");
            }
            KekFacts f = kek.get();
            return CheckResult.ok("kek", "'" + f.label() + "' present, " + dev.hallmark.app.kek.KekCeremony.kcvText(
                    new String[] {f.kcvEcb(), f.kcvCmac()}) + ", created " + f.created() + " by " + f.by());
        } catch (ProvisioningException e) {
            return CheckResult.fail("kek", e.code().id() + " " + e.getMessage());
        }
    }

    private CheckResult database() {
        try (AuditDatabase db = AuditDatabase.openH2(dir.audit())) {
            ChainReport report = db.verifyChain();
            if (!report.ok()) {
                return CheckResult.fail("database", "audit chain does not verify: "
                        + String.join("; ", report.lines()));
            }
            return CheckResult.ok("database", "audit database " + dir.audit() + " reachable, migrations applied and"
                    + " validated, chain verified to its head (" + report.stations().size() + " station(s))");
        } catch (ProvisioningException | RuntimeException e) {
            return CheckResult.fail("database", (e instanceof ProvisioningException p ? p.code().id() + " " : "")
                    + e.getMessage());
        }
    }

    private static List<CheckResult> fixtures(StationConfig config, List<String> extra) {
        Map<String, String> all = new LinkedHashMap<>(config.fixtures());
        for (String port : extra) {
            all.put(port, port);
        }
        List<CheckResult> results = new ArrayList<>();
        if (all.isEmpty()) {
            results.add(CheckResult.warn("fixtures", "no fixtures in station.yaml"));
        }
        for (Map.Entry<String, String> e : all.entrySet()) {
            String path = TransportKeyRule.portOf(e.getValue());
            String item = "fixture " + e.getKey();
            if (!Files.exists(Path.of(path))) {
                results.add(CheckResult.fail(item, path + " is missing: check the adapter's cable (a by-path link"
                        + " appears again when it is plugged into the same USB port)"));
                continue;
            }
            try {
                SerialPorts.open(path, 115_200, com.fazecast.jSerialComm.SerialPort.NO_PARITY, 100).closePort();
                results.add(CheckResult.ok(item, path + " present and opens" + byPath(path)));
            } catch (ProvisioningException ex) {
                results.add(CheckResult.fail(item, ex.code().id() + " " + ex.getMessage()));
            }
        }
        return results;
    }

    /** ", stable name /dev/serial/by-path/..." when a by-path link leads to the same device. */
    private static String byPath(String path) {
        Path links = Path.of("/dev/serial/by-path");
        try (var stream = Files.list(links)) {
            Path real = Path.of(path).toRealPath();
            for (Path link : stream.toList()) {
                if (link.toRealPath().equals(real) && !link.toString().equals(path)) {
                    return "; stable name " + link;
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private CheckResult disk() {
        try {
            long free = Files.getFileStore(dir.root()).getUsableSpace() / (1024 * 1024);
            String detail = free + " MB free for the records in " + dir.root() + " (need " + limits.minFreeMegabytes()
                    + " MB)";
            return free < limits.minFreeMegabytes() ? CheckResult.fail("disk", "nearly full: " + detail)
                    : CheckResult.ok("disk", detail);
        } catch (IOException e) {
            return CheckResult.fail("disk", "cannot read the free space of " + dir.root() + ": " + e.getMessage());
        }
    }
}
