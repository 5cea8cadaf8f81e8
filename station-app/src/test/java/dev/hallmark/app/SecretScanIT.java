package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A full station run — first start, an operator added, the demo signed in, every export format, the lot report —
 * and then every log, database file, export and report is searched for the station's PINs, keys and passwords.
 * The scanner is first shown to find a planted secret, so a clean result means something.
 */
class SecretScanIT {

    @Test
    void noSecretEndsUpInLogsDatabaseExportsOrReports() throws Exception {
        Path dir = HallmarkProcess.freshDir("secret-scan");
        Path station = dir.resolve("station");
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        String dataDir = station.toString();

        HallmarkProcess.Result first = HallmarkProcess.run(station, "demo", "--count", "2", "--headless", "--data-dir",
                dataDir, "--lot", "SCAN");
        // a unit the simulated bench fails (exit 1) is as good as a pass here: what matters is what was written
        assertThat(first.exit()).as(first.toString()).isIn(0, 1);
        assertThat(first.out()).contains("lot SCAN: ");
        String adminPassword = HallmarkProcess.adminPassword(first);
        Map<String, String> admin = HallmarkProcess.signedIn(outside, "admin", adminPassword);
        String olgaPassword = "olga-unguessable-" + Long.toHexString(System.nanoTime());
        Map<String, String> add = new HashMap<>(admin);
        add.put("HALLMARK_NEW_PASSWORD_FILE", HallmarkProcess.signedIn(outside, "new", olgaPassword)
                .get("HALLMARK_PASSWORD_FILE"));
        assertThat(HallmarkProcess.run(station, add, "operator", "add", "olga", "--role", "operator", "--operator",
                "admin", "--data-dir", dataDir).exit()).isZero();
        HallmarkProcess.Result signedDemo = HallmarkProcess.run(station, HallmarkProcess.signedIn(outside, "olga",
                olgaPassword), "demo", "--count", "2", "--headless", "--data-dir", dataDir, "--lot", "SCAN",
                "--operator", "olga", "--log-format", "json");
        assertThat(signedDemo.exit()).as(signedDemo.toString()).isIn(0, 1);
        assertThat(signedDemo.out()).contains("lot SCAN: ");
        HallmarkProcess.run(station, HallmarkProcess.signedIn(outside, "olga", "wrong-" + olgaPassword), "demo",
                "--count", "1", "--headless", "--data-dir", dataDir, "--operator", "olga");

        Path exports = station.resolve("exports");
        Files.createDirectories(exports);
        for (String format : List.of("csv", "jsonl", "pem", "manifest", "aws")) {
            HallmarkProcess.Result export = HallmarkProcess.run(station, "audit", "export", "--format", format,
                    "--data-dir", dataDir);
            assertThat(export.exit()).as(export.toString()).isZero();
            Files.writeString(exports.resolve("export." + format), export.out());
        }
        HallmarkProcess.Result report = HallmarkProcess.run(station, "lot", "report", "--lot", "SCAN", "--data-dir",
                dataDir);
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(HallmarkProcess.run(station, "audit", "verify", "--data-dir", dataDir).exit()).isZero();

        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("HSM user PIN", Files.readAllBytes(station.resolve("secrets/hsm-pin")));
        secrets.put("HSM SO PIN", Files.readAllBytes(station.resolve("secrets/hsm-so-pin")));
        secrets.put("station service secret", Files.readAllBytes(station.resolve("secrets/station-operator")));
        secrets.put("admin password", adminPassword.getBytes(StandardCharsets.UTF_8));
        secrets.put("operator password", olgaPassword.getBytes(StandardCharsets.UTF_8));
        byte[] kek = Files.readAllBytes(station.resolve("sim/vendor-transport-kek"));
        secrets.put("transport KEK (raw)", kek);
        secrets.put("transport KEK (hex)", HexFormat.of().formatHex(kek).getBytes(StandardCharsets.US_ASCII));
        secrets.put("transport KEK (HEX)", HexFormat.of().withUpperCase().formatHex(kek).getBytes(StandardCharsets.US_ASCII));
        secrets.put("transport KEK (base64)", java.util.Base64.getEncoder().encode(kek));
        assertThat(secrets.values()).allSatisfy(s -> assertThat(s.length).isGreaterThanOrEqualTo(16));

        List<Path> scanned = files(station.resolve("logs"), station.resolve("audit"), exports,
                station.resolve("reports"));
        assertThat(scanned).extracting(p -> p.getFileName().toString())
                .contains("hallmark.log", "hallmark.json", "hallmark.mv.db", "export.csv", "export.jsonl", "export.pem",
                        "export.manifest", "export.aws", "lot-SCAN-conformity.json", "lot-SCAN-conformity.pdf");

        Path planted = Files.copy(station.resolve("logs/hallmark.log"), outside.resolve("planted.log"));
        Files.write(planted, ("a careless line: pin=" + new String(secrets.get("HSM user PIN"),
                StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(findings(List.of(planted), secrets)).containsExactly("HSM user PIN in planted.log");

        assertThat(findings(scanned, secrets)).isEmpty();
        assertThat(first.out()).contains(adminPassword);
    }

    private static List<Path> files(Path... roots) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(all::add);
            }
        }
        return all;
    }

    /** "what in file" for every secret found in every file, as bytes (so binary database pages count too). */
    static List<String> findings(List<Path> files, Map<String, byte[]> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            byte[] content = file.getFileName().toString().endsWith(".gz")
                    ? String.join("\n", LogFilesIT.gunzipLines(file)).getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(file);
            for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
                if (indexOf(content, secret.getValue()) >= 0) {
                    found.add(secret.getKey() + " in " + file.getFileName());
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
