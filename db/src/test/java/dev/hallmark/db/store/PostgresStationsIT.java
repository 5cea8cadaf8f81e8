package dev.hallmark.db.store;

import static dev.hallmark.db.chain.History.LOT;
import static dev.hallmark.db.chain.History.longValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.chain.History;
import dev.hallmark.db.chain.StationSummary;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.port.UnitRecord;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real PostgreSQL 15 started for the test: three station processes provisioning one lot at once, and a
 * server stopped under a writing station and started again.
 */
class PostgresStationsIT {

    private static final List<String> STATIONS = List.of("ST-01", "ST-02", "ST-03");
    @RegisterExtension
    static final PostgresFixture PG = new PostgresFixture();

    @TempDir
    Path dir;

    @Test
    void threeStationProcessesProvisionOneLotWithoutDuplicatesAndEachChainHolds() throws Exception {
        PG.cluster().createDatabase("plant");
        String url = PG.cluster().url("plant");
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0])) {
            db.store().ensureLot(LOT, "sensor-v2", Instant.now());
        }

        Map<String, Properties> tallies = runStations(url);

        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0]);
             Connection c = DriverManager.getConnection(url, PostgresCluster.USER, "")) {
            List<UnitRecord> units = db.store().units(LOT);
            assertThat(units).hasSize(STATIONS.size() * StationProcess.ATTEMPTS);
            for (String station : STATIONS) {
                Properties tally = tallies.get(station);
                for (UnitResult result : List.of(UnitResult.PASS, UnitResult.FAILED)) {
                    assertThat(units.stream().filter(u -> u.station().equals(station) && u.result() == result))
                            .as("%s units of %s", result, station)
                            .hasSize(Integer.parseInt(tally.getProperty(result.name())));
                }
            }
            assertThat(units).noneMatch(u -> u.result() == UnitResult.IN_PROGRESS);
            List<UnitRecord> pass = units.stream().filter(u -> u.result() == UnitResult.PASS).toList();
            assertThat(pass).extracting(UnitRecord::uid).doesNotHaveDuplicates();
            assertThat(pass).extracting(UnitRecord::serial).doesNotHaveDuplicates();
            assertThat(units.stream().map(UnitRecord::serial).filter(s -> s != null)).doesNotHaveDuplicates();
            assertThat(pass.size()).isLessThanOrEqualTo(StationProcess.DEVICES);
            int duplicates = STATIONS.stream().mapToInt(s -> Integer.parseInt(tallies.get(s)
                    .getProperty("duplicates"))).sum();
            assertThat(duplicates).as("claims refused because another station held the device").isPositive();
            int superseded = STATIONS.stream().mapToInt(s -> Integer.parseInt(tallies.get(s)
                    .getProperty("superseded"))).sum();
            assertThat(longValue(c, "select count(*) from unit_certificates"))
                    .isEqualTo(longValue(c, "select count(*) from units where cert_sha256 is not null") + superseded);
            assertThat(longValue(c, "select count(*) from audit_events where kind = 'CERTIFICATE_REVOKED'"))
                    .as("superseded certificates and those of units failed at INSTALL are revoked")
                    .isEqualTo(superseded + units.stream().filter(u -> "INSTALL".equals(u.failedStep())).count());

            Set<String> stationKeys = STATIONS.stream().map(s -> tallies.get(s).getProperty("key"))
                    .collect(Collectors.toSet());
            ChainReport report = db.verifyChain(ChainVerifier.trusting(stationKeys));
            assertThat(report.findings()).isEmpty();
            assertThat(report.stations()).extracting(StationSummary::station).containsExactlyElementsOf(STATIONS);
            for (StationSummary s : report.stations()) {
                assertThat(s.events()).isEqualTo(s.headSeq()).isPositive();
                assertThat(s.anchoredSeq()).as("signed up to the head by its own key").isEqualTo(s.headSeq());
                assertThat(s.signerKeys()).containsExactly(tallies.get(s.station()).getProperty("key"));
            }
        }
    }

    @Test
    void aServerStoppedUnderAWritingStationIsReportedAndWorkResumesWhenItStarts() throws Exception {
        PG.cluster().createDatabase("outage");
        String url = PG.cluster().url("outage");
        List<Long> sealed = new CopyOnWriteArrayList<>();
        Map<ErrorCode, Integer> refusals = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (AuditDatabase db = AuditDatabase.open(url, PostgresCluster.USER, new char[0],
                History.signed(History.keys()))) {
            JdbcAuditStore store = db.store();
            store.ensureLot(LOT, "sensor-v2", Instant.now());
            Thread station = new Thread(() -> {
                for (int device = 1; writing.get(); device++) {
                    try {
                        sealed.add(History.passUnit(store, "ST-01", device));
                    } catch (ProvisioningException e) {
                        refusals.merge(e.code(), 1, Integer::sum);
                        sleep(50);
                    }
                }
            }, "station-ST-01");
            station.start();
            try {
                await(() -> sealed.size() >= 5, "five units sealed before the stop");
                PG.cluster().stopServer();
                await(() -> !refusals.isEmpty(), "the station was refused while the server was down");
                sleep(300);
                int sealedWhileDown = sealed.size();
                sleep(300);
                assertThat(sealed).as("nothing sealed while the server is down").hasSize(sealedWhileDown);
                PG.cluster().startServer();
                int resumedFrom = sealed.size();
                await(() -> sealed.size() >= resumedFrom + 5, "five more units sealed after the start");
            } finally {
                writing.set(false);
                station.join(30_000);
            }
            assertThat(refusals).as("typed refusals, by code").containsOnlyKeys(ErrorCode.AUDIT_UNAVAILABLE);

            List<UnitRecord> units = store.units(LOT);
            Set<Long> passed = units.stream().filter(u -> u.result() == UnitResult.PASS).map(UnitRecord::id)
                    .collect(Collectors.toCollection(HashSet::new));
            assertThat(passed).as("every unit the store said it sealed is there, sealed").containsAll(sealed);
            ChainReport report = db.verifyChain();
            assertThat(report.findings()).as(String.join("\n", report.lines())).isEmpty();
            assertThat(report.stations()).singleElement()
                    .satisfies(s -> assertThat(s.events()).isEqualTo(s.headSeq()));
        }
    }

    /** Starts one JVM per station on this test's classpath, waits for all, and reads their tallies. */
    private Map<String, Properties> runStations(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < STATIONS.size(); i++) {
                String station = STATIONS.get(i);
                processes.add(new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, StationProcess.class.getName(),
                        url, station, Integer.toString(i), LOT, dir.resolve(station + ".properties").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve(station + ".log").toFile()).start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                String station = STATIONS.get(i);
                if (!p.waitFor(75, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    fail("station process " + station + " did not finish well:\n"
                            + Files.readString(dir.resolve(station + ".log")) + "\nserver log:\n" + PG.cluster().serverLog());
                }
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        Map<String, Properties> tallies = new ConcurrentHashMap<>();
        for (String station : STATIONS) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve(station + ".properties"))) {
                p.load(in);
            }
            tallies.put(station, p);
        }
        return tallies;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what + "\n" + PG.cluster().serverLog());
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
