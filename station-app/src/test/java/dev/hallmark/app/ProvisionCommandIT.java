package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code hallmark provision} as a script runs it, against {@code hallmark sim} in its own process, SoftHSM2, the
 * embedded CA and H2: bad input refused before anything starts, a gang of fixtures where one port has vanished, a lot
 * from a manifest that stops at its quota, profiles and fixtures from station.yaml.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionCommandIT {

    static Path dataDir;
    static StationRuns.Sim sim;
    static String vanished;
    static String adminPassword;

    @BeforeAll
    static void devices() throws Exception {
        dataDir = HallmarkProcess.freshDir("provision");
        Path kek = StationRuns.simulatorKek(dataDir);
        sim = StationRuns.Sim.start(6, kek);
        try (StationRuns.Sim gone = StationRuns.Sim.start(1, kek)) {
            vanished = gone.ports().get(0);
        }
        Files.writeString(dataDir.resolve("station.yaml"), """
                station: line-1-station-a
                profiles:
                  sensor-f4:
                    chip_family: stm32f4
                    organization: Example Sensors
                    serial_prefix: SN-F4-
                  sensor-f4-rdp2:
                    chip_family: STM32F4
                    organization: Example Sensors
                    lock: permanent
                fixtures:
                  F1: %s
                  F2: %s
                """.formatted(sim.ports().get(4), sim.ports().get(5)));
    }

    @AfterAll
    static void stopTheDevices() throws Exception {
        if (sim != null) {
            sim.close();
        }
    }

    private static HallmarkProcess.Result provision(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("provision", "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        return StationRuns.run(dataDir, Map.of(), all);
    }

    @Test
    @Order(1)
    void badManifestRowsAreNamedWithTheirLineNumbersBeforeAnythingStarts() throws Exception {
        Path manifest = Files.writeString(dataDir.resolve("bad.csv"), "serial\nA-1\nA 2\nA-1\n\nA-4,extra\n");

        HallmarkProcess.Result r = provision("--lot", "BAD", "--profile", "sensor-f4", "--manifest",
                manifest.toString(), "--fixtures", sim.ports().get(0));

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("hallmark: HM-603 lot:")
                .contains("line 3: 'A 2' is not a serial", "line 4: serial A-1 repeats line 2",
                        "line 6: one column (serial) expected");
        assertThat(r.out()).isEmpty();
        assertThat(dataDir.resolve("tokens")).as("nothing started: no token was made").doesNotExist();
    }

    @Test
    @Order(2)
    void aPermanentLockNeedsConfirmationAndIsRefusedBeforeAnyUnit() throws Exception {
        HallmarkProcess.Result r = provision("--lot", "RDP2", "--profile", "sensor-f4-rdp2", "--count", "1",
                "--fixtures", sim.ports().get(0));

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("hallmark: HM-605 lot:")
                .contains("--confirm-irreversible");
        assertThat(dataDir.resolve("tokens")).doesNotExist();
    }

    @Test
    @Order(3)
    void aGangWhoseOnePortVanishedProvisionsTheOthersAndRecordsTheFailure() throws Exception {
        HallmarkProcess.Result r = provision("--lot", "GANG", "--profile", "sensor-f4", "--count", "10", "--json",
                "--fixtures", sim.ports().get(0), vanished, sim.ports().get(1));

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        // the first start shows the admin password once, on stderr here (stdout carries the JSON lines)
        adminPassword = HallmarkProcess.adminPassword(new HallmarkProcess.Result(0, r.err(), ""));
        List<JsonNode> lines = StationRuns.jsonLines(r);
        assertThat(lines).hasSize(3);
        assertThat(lines).filteredOn(l -> l.get("result").asText().equals("PASS")).hasSize(2)
                .allSatisfy(l -> {
                    assertThat(l.get("serial").asText()).matches("SN-F4-\\d{6}");
                    assertThat(l.get("cert_sha256").asText()).hasSize(64);
                    assertThat(l.get("uid").asText()).hasSize(24);
                    assertThat(l.get("elapsed_ms").asLong()).isNotNegative();
                });
        JsonNode failed = lines.stream().filter(l -> l.get("result").asText().equals("FAILED")).findFirst().orElseThrow();
        assertThat(failed.get("fixture").asText()).isEqualTo(vanished);
        assertThat(failed.get("failed_step").asText()).isEqualTo("IDENTIFY");
        assertThat(failed.get("error_code").asText()).isEqualTo("HM-300");
        assertThat(failed.get("cause").asText()).contains(vanished.substring("sim:".length()));
        assertThat(r.err()).contains("lot GANG: this run 2 passed, 1 failed (0 resumed)",
                "lot 2/10 passed, 1 failed, 0 under way");
    }

    @Test
    @Order(4)
    void runningTheSameCommandAgainSkipsTheLockedBoardsAndRedoesNothing() throws Exception {
        HallmarkProcess.Result r = provision("--lot", "GANG", "--profile", "sensor-f4", "--count", "10", "--json",
                "--fixtures", sim.ports().get(0), sim.ports().get(1));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("the board is already locked; skipped", "lot 2/10 passed");
    }

    @Test
    @Order(5)
    void aManifestLotTakesItsSerialsInOrderAndStopsAtItsQuota() throws Exception {
        Path manifest = Files.writeString(dataDir.resolve("units.csv"), "serial\nACME-0001\nACME-0002\n");

        HallmarkProcess.Result r = provision("--lot", "MANIFEST", "--profile", "sensor-f4", "--manifest",
                manifest.toString(), "--json", "--fixtures", "F1", "F2", sim.ports().get(2));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(StationRuns.jsonLines(r)).extracting(l -> l.get("serial").asText())
                .containsExactlyInAnyOrder("ACME-0001", "ACME-0002");
        assertThat(r.err()).contains("lot 2/2 passed, 0 failed, 0 under way, yield 100.0%; closed");
        List<JsonNode> units = StationRuns.export(dataDir, "MANIFEST");
        assertThat(units).extracting(u -> u.get("station").asText()).containsOnly("line-1-station-a");
        assertThat(units).extracting(u -> u.get("fixture").asText()).containsAnyOf("F1", "F2");
    }

    @Test
    @Order(6)
    void aLotOpenedWithOtherOptionsIsRefused() throws Exception {
        HallmarkProcess.Result r = provision("--lot", "MANIFEST", "--profile", "sensor-f4", "--count", "5",
                "--fixtures", sim.ports().get(3));

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1).first().asString().startsWith("hallmark: HM-602 lot:");
    }

    @Test
    @Order(7)
    void theLotReportCountsUnitsByResultWithTheYield() throws Exception {
        HallmarkProcess.Result r = StationRuns.run(dataDir, Map.of(), List.of("lot", "summary", "--lot", "GANG", "--json",
                "--data-dir", dataDir.toString()));

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode report = StationRuns.jsonLines(r).get(0);
        assertThat(report.get("quota").asLong()).isEqualTo(10);
        assertThat(report.get("passed").asLong()).isEqualTo(2);
        assertThat(report.get("failed").asLong()).isEqualTo(1);
        assertThat(report.get("in_progress").asLong()).isZero();
        assertThat(report.get("yield").asDouble()).isBetween(0.66, 0.67);
        assertThat(report.get("closed_at").isNull()).isTrue();
    }

    @Test
    @Order(8)
    void aLotClosedShortStartsNoMoreUnits() throws Exception {
        HallmarkProcess.Result refused = StationRuns.run(dataDir, Map.of(), List.of("lot", "close", "--lot", "GANG",
                "--data-dir", dataDir.toString()));
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).as("the station's service account may not close lots").contains("HM-700");

        HallmarkProcess.Result close = StationRuns.run(dataDir, HallmarkProcess.signedIn(dataDir, "admin",
                adminPassword), List.of("lot", "close", "--lot", "GANG", "--operator", "admin",
                "--data-dir", dataDir.toString()));
        assertThat(close.exit()).as(close.toString()).isZero();
        assertThat(close.out()).contains("lot GANG (profile sensor-f4): quota 10, 2 passed, 1 failed", "closed 20");

        HallmarkProcess.Result r = provision("--lot", "GANG", "--profile", "sensor-f4", "--count", "10", "--json",
                "--fixtures", sim.ports().get(3));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("lot 2/10 passed", "closed 20");
    }

    @Test
    @Order(9)
    void theAuditChainVerifies() throws Exception {
        HallmarkProcess.Result verify = HallmarkProcess.run(dataDir, "audit", "verify", "--data-dir",
                dataDir.toString());

        assertThat(verify.exit()).as(verify.toString()).isZero();
    }
}
