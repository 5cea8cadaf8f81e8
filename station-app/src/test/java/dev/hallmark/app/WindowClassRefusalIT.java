package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A station.yaml profile claiming ISO/IEC 27402 Class 2 on parts that cannot meet it (SoftHSM2 is a software token;
 * the STM32F4 has no secure-boot fuse): {@code hallmark provision} and the station window ({@code hallmark station
 * --profile}, its own JVM on Monocle) both refuse before the first unit with the same HM-720 line, and neither
 * opens the lot. Before issue 14 the window skipped the class check and opened on the demo profile.
 */
class WindowClassRefusalIT {

    private static final String STATION_YAML = """
            station: refusal-station
            profiles:
              c2-f4:
                chip_family: STM32F4
                organization: Example Sensors
                class: 2
            """;
    /** A simulated board's pseudo-terminal that is gone: the lot is refused before any port is opened. */
    private static final String NO_PORT = "sim:/dev/pts/987654";

    @Test
    void theWindowRefusesAClassThePartsCannotMeetWithProvisionsCodeAndReason() throws Exception {
        Path provisionDir = HallmarkProcess.freshDir("refusal-provision");
        Files.writeString(provisionDir.resolve("station.yaml"), STATION_YAML);
        HallmarkProcess.Result provision = StationRuns.run(provisionDir, Map.of(), List.of("provision", "--lot", "C2",
                "--profile", "c2-f4", "--count", "2", "--data-dir", provisionDir.toString(), "--fixtures", NO_PORT));

        Path windowDir = HallmarkProcess.freshDir("refusal-window");
        Files.writeString(windowDir.resolve("station.yaml"), STATION_YAML);
        List<String> args = List.of("station", "--lot", "C2", "--profile", "c2-f4", "--quota", "2", "--data-dir",
                windowDir.toString(), "--port", NO_PORT);
        HallmarkProcess.Result window = StationRuns.finish(StationRuns.start(windowDir, Map.of(),
                List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                        "-Djava.awt.headless=true"), "dev.hallmark.app.HallmarkMain", args), args);

        assertThat(provision.exit()).as(provision.toString()).isEqualTo(2);
        assertThat(window.exit()).as(window.toString()).isEqualTo(2);
        String provisionLine = hmLine(provision);
        assertThat(provisionLine).startsWith("hallmark: HM-720 conformity: profile 'c2-f4' claims ISO/IEC 27402 Class 2")
                .contains("software token (no CKF_HW_SLOT)", "STM32F4 has no secure-boot fuse");
        assertThat(hmLine(window)).isEqualTo(provisionLine);
        assertThat(window.out()).doesNotContain("station window open", "PASS ", "FAIL ");

        for (Path dir : List.of(provisionDir, windowDir)) {
            assertThat(StationRuns.export(dir, "C2")).as("units in " + dir).isEmpty();
            HallmarkProcess.Result verify = HallmarkProcess.run(dir, "audit", "verify", "--data-dir", dir.toString());
            assertThat(verify.exit()).as(verify.toString()).isZero();
        }
    }

    private static String hmLine(HallmarkProcess.Result run) {
        List<String> lines = run.err().lines().filter(l -> l.startsWith("hallmark: HM-")).toList();
        assertThat(lines).as(run.toString()).hasSize(1);
        return lines.get(0);
    }
}
