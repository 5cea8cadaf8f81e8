package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The station log on real runs of the demo (SoftHSM2, device-sim on ptys): it rolls at its size cap and the rolled
 * files stay under their total cap; the JSON format parses line by line, and every line of a unit's work names its
 * lot, fixture and unit, and from its serial's claim on the serial.
 */
class LogFilesIT {

    private static final Pattern ROLLED = Pattern.compile("hallmark\\.\\d{4}-\\d{2}-\\d{2}\\.(\\d+)\\.(log|json)\\.gz");
    private static final Pattern PASSED = Pattern.compile("PASS\\s+(\\S+)\\s+uid=\\S+\\s+fixture=(\\S+)");
    /** The steps after CLAIM: by then the unit has its serial. */
    private static final Set<String> AFTER_CLAIM = Set.of("KEYGEN", "CSR", "ISSUE", "INSTALL", "LOCK",
            "VERIFY", "SEAL");

    @Test
    void theLogRollsAtItsSizeCapAndKeepsUnderItsTotalCap() throws Exception {
        Path dir = HallmarkProcess.freshDir("log-roll");
        HallmarkProcess.Result run = HallmarkProcess.run(dir, Map.of("HALLMARK_LOG_MAX_FILE_SIZE", "2KB",
                "HALLMARK_LOG_TOTAL_SIZE_CAP", "3KB"), "demo", "--count", "8", "--headless", "--data-dir",
                dir.toString(), "--lot", "ROLL");
        assertThat(run.exit()).as(run.toString()).isIn(0, 1);

        Path logs = dir.resolve("logs");
        List<Path> rolled = rolled(logs);
        int highestIndex = rolled.stream().mapToInt(LogFilesIT::index).max().orElse(-1);
        long archived = 0;
        long largest = 0;
        for (Path p : rolled) {
            archived += Files.size(p);
            largest = Math.max(largest, Files.size(p));
        }
        assertThat(rolled).as("rolled files").isNotEmpty();
        assertThat(highestIndex + 1).as("files rolled, more than kept: the cap removed the oldest")
                .isGreaterThan(rolled.size());
        // Logback trims to the cap when a file rolls; the archive just made may stand over it until the next roll
        assertThat(archived - largest).as("bytes kept in rolled files, but the newest").isLessThanOrEqualTo(3 * 1024);
        assertThat(Files.size(logs.resolve("hallmark.log"))).as("the active file").isLessThan(2 * 1024 + 4096);
    }

    @Test
    void jsonLinesParseAndEveryLineOfAUnitsWorkNamesItsUnit() throws Exception {
        Path dir = HallmarkProcess.freshDir("log-json");
        HallmarkProcess.Result run = HallmarkProcess.run(dir, Map.of("HALLMARK_LOG_MAX_FILE_SIZE", "8KB"), "demo",
                "--count", "4", "--headless", "--data-dir", dir.toString(), "--lot", "JSON", "--log-format", "json");
        assertThat(run.exit()).as(run.toString()).isZero();
        Map<String, String> fixtureOfSerial = new HashMap<>();
        Matcher m = PASSED.matcher(run.out());
        while (m.find()) {
            fixtureOfSerial.put(m.group(1), m.group(2));
        }
        assertThat(fixtureOfSerial).hasSize(4);

        Path logs = dir.resolve("logs");
        assertThat(rolled(logs)).as("the JSON log rolled too").isNotEmpty();
        List<String> lines = new ArrayList<>(Files.readAllLines(logs.resolve("hallmark.json")));
        for (Path p : rolled(logs)) {
            lines.addAll(gunzipLines(p));
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, String> serialOfUnit = new HashMap<>();
        Map<String, Integer> linesOfSerial = new HashMap<>();
        int unitLines = 0;
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.path("level").asText()).as(line).isNotEmpty();
            assertThat(node.has("formattedMessage")).as(line).isTrue();
            JsonNode mdc = node.path("mdc");
            if (!mdc.has("unit")) {
                continue;
            }
            unitLines++;
            assertThat(mdc.path("lot").asText()).as(line).isEqualTo("JSON");
            assertThat(mdc.path("fixture").asText()).as(line).matches("F\\d+");
            if (AFTER_CLAIM.contains(mdc.path("step").asText())) {
                String serial = mdc.path("serial").asText();
                assertThat(fixtureOfSerial).as(line).containsEntry(serial, mdc.path("fixture").asText());
                assertThat(serialOfUnit.putIfAbsent(mdc.path("unit").asText(), serial)).as(line)
                        .isIn(null, serial);
                linesOfSerial.merge(serial, 1, Integer::sum);
            }
        }
        assertThat(unitLines).isGreaterThan(20);
        assertThat(linesOfSerial.keySet()).as("every unit's work is in the log under its serial")
                .containsExactlyInAnyOrderElementsOf(fixtureOfSerial.keySet());
    }

    private static List<Path> rolled(Path logs) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(p -> ROLLED.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static int index(Path rolled) {
        Matcher m = ROLLED.matcher(rolled.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    static List<String> gunzipLines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
