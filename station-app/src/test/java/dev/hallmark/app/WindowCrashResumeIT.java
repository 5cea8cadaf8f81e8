package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.app.lot.ProductProfiles;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.DemoBench;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.StationUi;
import dev.hallmark.engine.api.LotReport;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.workflow.CrashHook;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import dev.hallmark.ui.StationWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The crash harness (CrashResumeIT) extended to the station window: the window's unit path, in a JVM of its own
 * ({@link WindowCrashChild}) against {@code hallmark sim} (whose boards outlive the station), takes one scan per
 * board and kills itself with SIGKILL on both sides of ISSUE and LOCK. The window then opens again on Monocle (as
 * {@code hallmark station --profile demo-stm32f4 --quota 4 --port ...}): it resumes every unit left under way on
 * its fixtures at once, shows them on the bench, and every unit ends PASS with verified lock evidence and exactly one
 * unrevoked certificate; the lot closes at its quota and {@code audit verify} holds. Before issue 14 the window
 * resumed nothing and the units stayed under way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WindowCrashResumeIT {

    private static final String LOT = "WCRASH";
    private static final String SERIALS = "WC-{counter:04}";
    private static final List<String> POINTS = List.of("ISSUE:STARTED:before", "ISSUE:DONE:after",
            "LOCK:STARTED:before", "LOCK:DONE:after");
    private static final int SIGKILLED = 128 + 9;

    static Path dataDir;
    static StationRuns.Sim sim;
    static final Map<String, HallmarkProcess.Result> CRASHED = new LinkedHashMap<>();
    static List<String> resumedFixtures;
    static List<String> tiles;
    static LotReport lotAfter;

    @BeforeAll
    static void crashTheWindowThenOpenItAgain() throws Exception {
        WindowDriver.headlessToolkit();
        dataDir = HallmarkProcess.freshDir("in-process");
        Files.writeString(dataDir.resolve("station.yaml"), "station: window-crash-station\n");
        sim = StationRuns.Sim.start(POINTS.size(), StationRuns.simulatorKek(dataDir));
        for (int i = 0; i < POINTS.size(); i++) {
            List<String> args = List.of(dataDir.toString(), LOT, Integer.toString(POINTS.size()), SERIALS,
                    "LABEL-" + i, sim.paths().get(i));
            CRASHED.put(POINTS.get(i), StationRuns.finish(StationRuns.start(dataDir,
                    Map.of("HALLMARK_CRASH_AT", POINTS.get(i)), List.of(), WindowCrashChild.class.getName(), args),
                    args));
        }

        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        DataDir dir = new DataDir(dataDir);
        try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock,
                l -> { })) {
            StationConfig config = StationConfig.load(dataDir);
            ProductProfile profile = ProductProfiles.forLot(config, dataDir, "demo-stm32f4");
            try (DemoBench bench = DemoBench.fixtures(ProductProfiles.fixtures(config, sim.paths(), "--port"));
                 StationUi ui = new StationUi(station, bench, new StationUi.Lot(LOT, profile,
                         ProductProfiles.plan(LOT, profile, POINTS.size(), SERIALS), null, CrashHook.NONE),
                         config.station(), SoftHsmToken.defaultModule(), Platform::runLater, clock,
                         UnitListener.none(), WindowDriver.lead(dir, random, clock), Duration.ZERO)) {
                resumedFixtures = ui.resumed();
                StationWindow.show(() -> ui.signedInWindow("Station window-crash-station, lot " + LOT),
                        "Hallmark - window crash IT", () -> { });
                new WindowDriver().signIn();
                WindowDriver.waitFor("the resumed units to finish", () -> WindowDriver.resultTexts().size()
                        == POINTS.size() && WindowDriver.resultTexts().stream().noneMatch(t -> t.equals("RUNNING")
                        || t.equals("IDLE")));
                tiles = WindowDriver.resultTexts();
                lotAfter = ui.session().report();
                WindowDriver.closeWindows();
            }
        }
    }

    @AfterAll
    static void stopTheDevices() throws Exception {
        if (sim != null) {
            sim.close();
        }
        org.testfx.api.FxToolkit.cleanupStages();
    }

    @Test
    @Order(1)
    void theWindowDiedAtEveryCrashPoint() {
        assertThat(CRASHED).hasSize(POINTS.size());
        CRASHED.forEach((point, run) -> assertThat(run.exit()).as(point + ": " + run).isEqualTo(SIGKILLED));
    }

    @Test
    @Order(2)
    void theWindowResumedEveryUnitLeftUnderWayAndShowedItOnTheBench() {
        assertThat(resumedFixtures).containsExactlyInAnyOrderElementsOf(sim.paths());
        assertThat(tiles).hasSize(POINTS.size()).containsOnly("PASS");
        assertThat(lotAfter.passed()).isEqualTo(POINTS.size());
        assertThat(lotAfter.inProgress()).isZero();
        assertThat(lotAfter.closedAt()).as("the lot closes at its quota").isNotNull();
    }

    @Test
    @Order(3)
    void everyUnitPassedWithLockEvidenceAndOneUnrevokedCertificate() throws Exception {
        List<JsonNode> units = StationRuns.export(dataDir, LOT);
        Map<String, List<String>> live = StationRuns.unrevokedBySerial(dataDir);

        assertThat(units).hasSize(POINTS.size()).allSatisfy(u -> {
            assertThat(u.get("result").asText()).as(u.toString()).isEqualTo("PASS");
            assertThat(u.get("lock_evidence").get("locked").asBoolean()).as(u.toString()).isTrue();
            assertThat(live.get(u.get("serial").asText())).as(u.toString())
                    .containsExactly(u.get("cert_sha256").asText());
        });
        List<String> serials = new ArrayList<>(units.stream().map(u -> u.get("serial").asText()).toList());
        assertThat(serials).doesNotHaveDuplicates().allMatch(s -> s.startsWith("WC-"));
    }

    @Test
    @Order(4)
    void theAuditChainVerifies() throws Exception {
        HallmarkProcess.Result verify = HallmarkProcess.run(dataDir, "audit", "verify", "--data-dir",
                dataDir.toString());

        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("OK: the audit record holds");
    }
}
