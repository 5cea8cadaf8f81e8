package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.query.JdbcUnitArchive;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code hallmark unit rework} against {@code hallmark sim} on ptys (zero-latency timing), SoftHSM2, the embedded CA
 * and H2: a permanent lock refused, the two-person rule, the wipe read back, the certificate revoked, the device
 * provisioned again under a new serial; the station-wide CA rule; SQL edits of the records found by audit verify.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReworkCommandIT {

    private static Path root;
    private static Path dataDir;
    private static StationRuns.Sim sim;
    private static Map<String, String> admin;
    private static String reworked;
    private static String permanent;
    private static String newSerial;
    private static String other;

    @BeforeAll
    static void station() throws Exception {
        root = HallmarkProcess.freshDir("rework");
        dataDir = Files.createDirectories(root.resolve("station"));
        sim = StationRuns.Sim.start(3, StationRuns.simulatorKek(dataDir));
        Files.writeString(dataDir.resolve("station.yaml"), """
                station: rework-station
                profiles:
                  sensor-f4:
                    chip_family: STM32F4
                    organization: Example Sensors
                    serial_prefix: RW-
                  sensor-f4-rdp2:
                    chip_family: STM32F4
                    organization: Example Sensors
                    serial_prefix: RDP2-
                    lock: permanent
                """);
        HallmarkProcess.Result first = provision("RW", "sensor-f4", sim.ports().get(0));
        admin = HallmarkProcess.signedIn(root, "admin",
                HallmarkProcess.adminPassword(new HallmarkProcess.Result(0, first.err(), "")));
        reworked = serialOf(first);
        permanent = serialOf(provision("RDP2", "sensor-f4-rdp2", sim.ports().get(1), "--confirm-irreversible"));
        other = serialOf(provision("RWY", "sensor-f4", sim.ports().get(2)));
        addOperator("sam", "supervisor");
        addOperator("vera", "supervisor");
        addOperator("olga", "operator");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @Order(1)
    void aPermanentlyLockedUnitIsRefusedInOneLine() throws Exception {
        HallmarkProcess.Result r = run(both("sam", "vera"), "unit", "rework", "--serial", permanent, "--port",
                sim.paths().get(1), "--operator", "sam", "--approver", "vera");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("hallmark: HM-317 ")
                .contains(permanent, "cannot be undone");
    }

    @Test
    @Order(2)
    void anOperatorMayNotAndASupervisorAloneMayNotWhileTheCaRuleIsOn() throws Exception {
        HallmarkProcess.Result operator = run(as("olga"), "unit", "rework", "--serial", reworked, "--port",
                sim.paths().get(0), "--operator", "olga");
        assertThat(operator.err()).contains("HM-700", "olga (operator) may not readout unprotect");
        HallmarkProcess.Result alone = run(as("sam"), "unit", "rework", "--serial", reworked, "--port",
                sim.paths().get(0), "--operator", "sam");
        assertThat(alone.exit()).as(alone.toString()).isEqualTo(2);
        assertThat(alone.err()).contains("HM-703");
        assertThat(StationRuns.unrevokedBySerial(dataDir)).containsKey(reworked);
    }

    @Test
    @Order(3)
    void anApprovedReworkWipesRevokesAndReleasesTheDeviceForANewSerial() throws Exception {
        HallmarkProcess.Result r = run(both("sam", "vera"), "unit", "rework", "--serial", reworked, "--port",
                sim.paths().get(0), "--operator", "sam", "--approver", "vera");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("reworked " + reworked + " on " + sim.paths().get(0),
                "flash mass-erased", "revoked (cessation_of_operation)");
        assertThat(StationRuns.unrevokedBySerial(dataDir)).doesNotContainKey(reworked);
        String event = H2Shell.run(dataDir, "select detail from audit_events where kind = 'UNIT_REWORKED'");
        assertThat(event).contains("by sam, approved by vera", "lock before: READOUT_PROTECTED",
                "after: unprotected");
        assertThat(H2Shell.run(dataDir, "select operator || ' ' || outcome || ' ' || approver from operator_actions"
                + " where action = 'READOUT_UNPROTECT' order by seq")).contains("sam OK vera");

        HallmarkProcess.Result again = run(both("sam", "vera"), "unit", "rework", "--serial", reworked, "--port",
                sim.paths().get(0), "--operator", "sam", "--approver", "vera");
        assertThat(again.err().lines()).singleElement().asString().startsWith("hallmark: HM-713 ")
                .contains("already reworked");

        newSerial = serialOf(provision("RW2", "sensor-f4", sim.ports().get(0)));
        assertThat(newSerial).isNotEqualTo(reworked).startsWith("RW-");
        assertThat(StationRuns.unrevokedBySerial(dataDir)).containsKey(newSerial).doesNotContainKey(reworked);
        HallmarkProcess.Result verify = run(as("sam"), "audit", "verify", "--operator", "sam");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("action log: ", "unit controls: ", "OK: the audit record holds");
        theReworkedUnitReadsReworkedAndRevokedOutsideItsChain();
    }

    /** The exports and the auditor's port show the rework and the revocation; units never reworked show neither. */
    private static void theReworkedUnitReadsReworkedAndRevokedOutsideItsChain() throws Exception {
        JsonNode line = StationRuns.export(dataDir, "RW").get(0);
        assertThat(line.get("serial").asText()).isEqualTo(reworked);
        assertThat(line.get("result").asText()).isEqualTo("PASS");
        assertThat(line.get("reworked_at").isNull()).as(line.toString()).isFalse();
        assertThat(line.get("certificate_revoked").asBoolean()).isTrue();
        for (String lot : List.of("RW2", "RWY")) {
            JsonNode kept = StationRuns.export(dataDir, lot).get(0);
            assertThat(kept.get("reworked_at").isNull()).as(kept.toString()).isTrue();
            assertThat(kept.get("certificate_revoked").asBoolean()).isFalse();
        }
        HallmarkProcess.Result csv = HallmarkProcess.run(dataDir, "audit", "export", "--data-dir", dataDir.toString(),
                "--format", "csv", "--lot", "RW");
        assertThat(csv.exit()).as(csv.toString()).isZero();
        assertThat(csv.lines().get(0)).endsWith(",reworked_at,certificate_revoked");
        assertThat(csv.lines().get(1)).contains(reworked).endsWith("," + line.get("reworked_at").asText() + ",true");

        try (AuditDatabase db = AuditDatabase.openH2(dataDir.resolve("audit"))) {
            UnitArchive archive = new JdbcUnitArchive(db, AuditDataSources.embedded(dataDir.resolve("audit")),
                    ChainVerifier.acceptingStoredKeys(), List.of(), f -> ExportContext.of(Clock.systemUTC()));
            UnitRecord unit = archive.page(new UnitFilter(reworked, null, null, null, null, null, null), 0, 0, 1)
                    .get(0);
            assertThat(unit.resultLabel()).isEqualTo("PASS (reworked)");
            UnitDetail detail = archive.detail(unit.id());
            assertThat(detail.unit().reworkedAt()).hasToString(line.get("reworked_at").asText());
            assertThat(detail.unit().certificateRevoked()).isTrue();
            assertThat(detail.reworkNote()).startsWith("by sam, approved by vera;");
            UnitRecord again = archive.page(new UnitFilter(newSerial, null, null, null, null, null, null), 0, 0, 1)
                    .get(0);
            assertThat(again.reworked()).isFalse();
            assertThat(again.certificateRevoked()).isFalse();
            assertThat(archive.detail(again.id()).reworkNote()).isNull();
        }
    }

    @Test
    @Order(4)
    void aDeviceWipedWithoutItsRecordIsFinishedAndANeverLockedOneIsRefused() throws Exception {
        // READOUT_UNPROTECT sent by Debian's stm32flash, as if a rework stopped after the wipe, before its record
        Process flash = new ProcessBuilder("stm32flash", "-m", "8n1", "-k", sim.paths().get(0))
                .redirectErrorStream(true).start();
        String said = new String(flash.getInputStream().readAllBytes());
        assertThat(flash.waitFor()).as(said).isZero();

        HallmarkProcess.Result r = run(both("vera", "sam"), "unit", "rework", "--serial", newSerial, "--port",
                sim.paths().get(0), "--operator", "vera", "--approver", "sam");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("reworked " + newSerial, "key slot reads 0xFF");
        assertThat(H2Shell.run(dataDir, "select detail from audit_events where kind = 'UNIT_REWORKED'"))
                .contains("unprotected already (recorded locked");
        assertThat(StationRuns.unrevokedBySerial(dataDir)).doesNotContainKey(newSerial);

    }

    @Test
    @Order(5)
    void theWrongDeviceOnThePortIsTheOneRevokedAndTheNamedUnitIsUnchanged() throws Exception {
        String named = serialOf(provision("RW3", "sensor-f4", sim.ports().get(0)));

        HallmarkProcess.Result wrong = run(both("vera", "sam"), "unit", "rework", "--serial", named, "--port",
                sim.paths().get(2), "--operator", "vera", "--approver", "sam");

        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.err().lines()).singleElement().asString().startsWith("hallmark: HM-318 ")
                .contains(named + " is unchanged", "it was unit " + other);
        assertThat(StationRuns.unrevokedBySerial(dataDir)).containsKey(named).doesNotContainKey(other);
        HallmarkProcess.Result unlocked = run(both("vera", "sam"), "unit", "rework", "--serial", named, "--port",
                sim.paths().get(2), "--operator", "vera", "--approver", "sam");
        assertThat(unlocked.err().lines()).singleElement().asString().startsWith("hallmark: HM-714 ")
                .contains("not readout-protected");
    }

    @Test
    @Order(6)
    void caKeyOperationsFollowTheStationSettingWhateverTheProfile() throws Exception {
        HallmarkProcess.Result alone = run(admin, "ca", "crl", "--operator", "admin");
        assertThat(alone.exit()).as(alone.toString()).isEqualTo(2);
        assertThat(alone.err()).contains("HM-703");
        Path yaml = dataDir.resolve("station.yaml");
        String before = Files.readString(yaml);
        Files.writeString(yaml, before + "ca:\n  two_person_rule: false\n");
        try {
            HallmarkProcess.Result off = run(admin, "ca", "crl", "--operator", "admin");
            assertThat(off.exit()).as(off.toString()).isZero();
            assertThat(off.out()).startsWith("-----BEGIN X509 CRL-----");
        } finally {
            Files.writeString(yaml, before);
        }
        Files.move(dataDir.resolve("ca"), dataDir.resolve("ca-moved"));
        try {
            HallmarkProcess.Result newKey = run(admin, "ca", "init", "--operator", "admin");
            assertThat(newKey.err()).contains("HM-703");
            assertThat(dataDir.resolve("ca")).doesNotExist();
        } finally {
            Files.move(dataDir.resolve("ca-moved"), dataDir.resolve("ca"));
        }
    }

    @Test
    @Order(7)
    void sqlEditsOfTheActionLogAndTheControlsAreNamedByAuditVerify() throws Exception {
        H2Shell.run(dataDir, "update unit_controls set satisfied = not satisfied where id = (select min(id) from"
                + " unit_controls)");
        H2Shell.run(dataDir, "update operator_actions set operator = 'mallory' where seq = 2");

        HallmarkProcess.Result verify = run(as("sam"), "audit", "verify", "--operator", "sam");

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out()).contains("EDITED unit_controls #", "EDITED operator_actions seq 2:",
                "FAILED: 2 finding(s)");
    }

    private static String serialOf(HallmarkProcess.Result r) throws Exception {
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> lines = StationRuns.jsonLines(r);
        assertThat(lines).isNotEmpty();
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("result").asText()).isEqualTo("PASS");
        return last.get("serial").asText();
    }

    private static HallmarkProcess.Result provision(String lot, String profile, String port, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("provision", "--data-dir", dataDir.toString(), "--lot", lot,
                "--profile", profile, "--json", "--fixtures", port));
        args.addAll(List.of("--count", "1"));
        args.addAll(List.of(more));
        return StationRuns.run(dataDir, Map.of(), args);
    }

    private static void addOperator(String name, String role) throws Exception {
        Map<String, String> env = new HashMap<>(admin);
        env.put("HALLMARK_NEW_PASSWORD_FILE", as(name).get("HALLMARK_PASSWORD_FILE"));
        HallmarkProcess.Result r = run(env, "operator", "add", name, "--role", role, "--operator", "admin");
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    private static Map<String, String> as(String name) throws Exception {
        return HallmarkProcess.signedIn(root, name, name + "-secret-password");
    }

    private static Map<String, String> both(String operator, String approver) throws Exception {
        Map<String, String> env = new HashMap<>(as(operator));
        env.put("HALLMARK_APPROVER_PASSWORD_FILE", as(approver).get("HALLMARK_PASSWORD_FILE"));
        return env;
    }

    private static HallmarkProcess.Result run(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        return HallmarkProcess.run(dataDir, env, all.toArray(String[]::new));
    }
}
