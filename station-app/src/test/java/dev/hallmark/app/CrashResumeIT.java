package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.engine.api.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The resume harness (issue #9, docs/decisions/0007-resume.md): {@code hallmark provision} on a lot against
 * {@code hallmark sim} (its own process, so the devices outlive the station), SoftHSM2 and the embedded CA. The station
 * is killed with SIGKILL at every step boundary, IDENTIFY to SEAL, on both sides of both journal writes of each step
 * (36 points), and between the CA's signature and the station's record of it ({@code ISSUE:DONE:answered}, decision
 * 0020): 37 points, one unit and one device each; {@code HALLMARK_CRASH_AT} makes the station kill itself there. Then the
 * same command runs again on all the fixtures and must resume every unit. Checked from outside: every unit ends PASS
 * with lock evidence (none is left under way), the CA holds exactly one unrevoked certificate per unit and it is the
 * unit's, the certificates of keys lost in a crash were revoked, no device key is left in the token, and
 * {@code audit verify} holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashResumeIT {

    private static final String LOT = "CRASH";
    private static final int SIGKILLED = 128 + 9;

    /** The CA signed the unit's certificate and the station has not recorded it yet. */
    static final String ANSWERED = "ISSUE:DONE:answered";

    static final List<String> POINTS = new ArrayList<>();

    static {
        for (Step step : Step.values()) {
            for (String status : List.of("STARTED", "DONE")) {
                for (String side : List.of("before", "after")) {
                    POINTS.add(step + ":" + status + ":" + side);
                }
            }
        }
        POINTS.add(ANSWERED);
    }


    static Path dataDir;
    static StationRuns.Sim sim;
    static final Map<String, HallmarkProcess.Result> CRASHED = new LinkedHashMap<>();
    static HallmarkProcess.Result resumed;

    @BeforeAll
    static void crashAtEveryPointThenRunAgain() throws Exception {
        dataDir = HallmarkProcess.freshDir("crash-resume");
        Path kek = StationRuns.simulatorKek(dataDir);
        sim = StationRuns.Sim.start(POINTS.size(), kek);
        for (int i = 0; i < POINTS.size(); i++) {
            CRASHED.put(POINTS.get(i), StationRuns.run(dataDir, Map.of("HALLMARK_CRASH_AT", POINTS.get(i)),
                    provision(List.of(sim.ports().get(i)))));
        }
        resumed = StationRuns.run(dataDir, Map.of(), provision(sim.ports()));
    }

    @AfterAll
    static void stopTheDevices() throws Exception {
        if (sim != null) {
            sim.close();
        }
    }

    private static List<String> provision(List<String> fixtures) {
        List<String> args = new ArrayList<>(List.of("provision", "--lot", LOT, "--profile", "demo-stm32f4",
                "--count", Integer.toString(POINTS.size()), "--json", "--data-dir", dataDir.toString(), "--fixtures"));
        args.addAll(fixtures);
        return args;
    }

    @Test
    @Order(1)
    void theStationDiedAtEveryCrashPoint() {
        assertThat(CRASHED).hasSize(37);
        CRASHED.forEach((point, run) -> assertThat(run.exit()).as(point + ": " + run).isEqualTo(SIGKILLED));
    }

    @Test
    @Order(2)
    void theRestartResumesEveryUnfinishedUnitToPass() throws Exception {
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        List<JsonNode> lines = StationRuns.jsonLines(resumed);
        // a unit killed on either side of SEAL's DONE entry was already sealed PASS: nothing to resume
        assertThat(lines).hasSize(POINTS.size() - 2)
                .allSatisfy(l -> assertThat(l.get("result").asText()).as(l.toString()).isEqualTo("PASS"));
        assertThat(resumed.err()).contains("lot " + LOT + ": this run 35 passed, 0 failed (35 resumed)",
                "lot 37/37 passed, 0 failed, 0 under way, yield 100.0%; closed");
    }

    @Test
    @Order(3)
    void everyUnitPassedWithVerifiedLockEvidenceAndDistinctIdentity() throws Exception {
        List<JsonNode> units = StationRuns.export(dataDir, LOT);

        assertThat(units).hasSize(POINTS.size()).allSatisfy(u -> {
            assertThat(u.get("result").asText()).as(u.toString()).isEqualTo("PASS");
            assertThat(u.get("lock_evidence").get("locked").asBoolean()).as(u.toString()).isTrue();
            assertThat(u.get("lock_evidence").get("observations").toString()).contains("READ_MEMORY 0x08000000 -> NACK");
        });
        assertThat(units).extracting(u -> u.get("uid").asText()).doesNotHaveDuplicates();
        assertThat(units).extracting(u -> u.get("serial").asText()).doesNotHaveDuplicates();
        assertThat(units).extracting(u -> u.get("fixture").asText()).containsExactlyInAnyOrderElementsOf(sim.ports());
    }

    @Test
    @Order(4)
    void theCaHoldsExactlyOneUnrevokedCertificatePerUnitAndItIsTheUnits() throws Exception {
        Map<String, List<String>> live = StationRuns.unrevokedBySerial(dataDir);

        for (JsonNode u : StationRuns.export(dataDir, LOT)) {
            assertThat(live.get(u.get("serial").asText())).as(u.get("serial").asText())
                    .containsExactly(u.get("cert_sha256").asText());
        }
    }

    @Test
    @Order(5)
    void certificatesOfKeysLostBetweenIssueAndInstallWereRevokedAsSuperseded() throws Exception {
        // the certificate is recorded inside ISSUE; INSTALL DONE means the key reached the device. Killed in between
        // (ISSUE:DONE both sides, INSTALL:STARTED both sides, INSTALL:DONE:before), the session key is lost. INSTALL's
        // DONE entry reaches the disk with LOCK's durability point (decision 0020), so a stop between the two
        // (INSTALL:DONE:after, LOCK:STARTED:before) resumes from KEYGEN as well. Killed after the CA signed and before
        // the record (ISSUE:DONE:answered), resume finds the certificate at the CA by its request and revokes it
        List<String> superseded = Files.readAllLines(dataDir.resolve("ca/revoked.log")).stream()
                .filter(l -> l.endsWith("\tSUPERSEDED")).toList();

        assertThat(superseded).hasSize(8);
    }

    @Test
    @Order(5)
    void theCertificateSignedBeforeTheRecordWasFoundAtTheCaAndRevoked() throws Exception {
        int unit = POINTS.indexOf(ANSWERED);
        String fixture = sim.ports().get(unit);
        JsonNode record = StationRuns.export(dataDir, LOT).stream()
                .filter(u -> u.get("fixture").asText().equals(fixture)).findFirst().orElseThrow();
        String serial = record.get("serial").asText();
        List<String> issuedToUnit = Files.readAllLines(dataDir.resolve("ca/issued.log")).stream()
                .filter(l -> !l.startsWith("#") && l.contains("SERIALNUMBER=" + serial)).toList();
        List<String> revoked = Files.readAllLines(dataDir.resolve("ca/revoked.log")).stream()
                .filter(l -> !l.startsWith("#")).map(l -> l.split("\t")[1]).toList();

        // the CA's own log: two certificates for the unit, the one signed before the stop is revoked
        assertThat(issuedToUnit).hasSize(2);
        assertThat(issuedToUnit.get(0).split("\t")[2]).isNotEqualTo(record.get("cert_sha256").asText());
        assertThat(revoked).contains(issuedToUnit.get(0).split("\t")[1]);
        assertThat(issuedToUnit.get(1).split("\t")[2]).isEqualTo(record.get("cert_sha256").asText());
    }

    @Test
    @Order(6)
    void noDeviceKeyIsLeftInTheStationToken() throws Exception {
        String privateKeys = OutsideTools.pkcs11Tool(dataDir, "--list-objects", "--type", "privkey");

        assertThat(privateKeys).contains("hallmark-issuing-ca").doesNotContain("dev-");
    }

    @Test
    @Order(7)
    void theAuditChainVerifies() throws Exception {
        HallmarkProcess.Result verify = HallmarkProcess.run(dataDir, "audit", "verify", "--data-dir",
                dataDir.toString());

        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("OK: the audit record holds");
    }
}
