package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.conformity.JdbcUnitSecrets;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.PasswordHash;
import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.conformity.CustomerWrap;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-unit secret delivered, through the station's commands: the demo on simulated ESP32-C3 chips with a customer
 * key named in conformity.yaml, {@code audit export --format secrets}, and the customer's private key reading each
 * secret back, whose PBKDF2 hash is the one recorded (and given to the device). Then every log, database file,
 * export and report is searched for the clear secrets, and none holds one.
 */
class UnitSecretDeliveryIT {

    @Test
    void onlyTheCustomerReadsTheSecretsAndTheStationKeepsNoClearCopy() throws Exception {
        Path dir = HallmarkProcess.freshDir("unit-secrets");
        String dataDir = dir.toString();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair customer = ec.generateKeyPair();
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/customer.pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(customer.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("conformity.yaml"), "class: 1\ncustomer_key: keys/customer.pub.pem\n");

        HallmarkProcess.Result demo = HallmarkProcess.run(dir, "demo", "--target", "esp32c3", "--count", "2",
                "--headless", "--data-dir", dataDir, "--lot", "SEC");
        assertThat(demo.exit()).as(demo.toString()).isZero();
        HallmarkProcess.Result export = HallmarkProcess.run(dir, "audit", "export", "--format", "secrets", "--lot",
                "SEC", "--data-dir", dataDir);
        assertThat(export.exit()).as(export.toString()).isZero();
        List<String> lines = export.out().lines().toList();
        assertThat(lines).hasSize(2);

        Map<String, byte[]> clear = new LinkedHashMap<>();
        try (AuditDatabase db = AuditDatabase.openH2(dir.resolve("audit"))) {
            JdbcUnitSecrets recorded = new JdbcUnitSecrets(AuditDataSources.embedded(dir.resolve("audit")));
            Map<Long, List<ControlEvidence>> controls = new JdbcConformityRecords(
                    AuditDataSources.embedded(dir.resolve("audit"))).controls("SEC");
            for (String line : lines) {
                JsonNode row = new ObjectMapper().readTree(line);
                UnitRecord unit = db.store().unitBySerial(row.get("serial").asText()).orElseThrow();
                assertThat(row.get("uid").asText()).isEqualTo(unit.uid());
                byte[] secret = CustomerWrap.unwrap(customer.getPrivate(),
                        Base64.getDecoder().decode(row.get("wrapped").asText()), unit.uid());
                String text = new String(secret, StandardCharsets.UTF_8);
                assertThat(text).hasSize(24);
                String verifier = recorded.verifier(unit.id()).orElseThrow();
                assertThat(PasswordHasher.verify(text.toCharArray(), PasswordHash.parse(verifier)))
                        .as("the customer's secret matches the recorded hash").isTrue();
                assertThat(PasswordHasher.verify((text + "!").toCharArray(), PasswordHash.parse(verifier)))
                        .isFalse();
                assertThat(controls.get(unit.id())).filteredOn(c -> c.control().equals("NO_DEFAULT_PASSWORD"))
                        .singleElement().satisfies(c -> assertThat(c.evidence()).contains(verifier,
                                "installed in the device", "wrapped for the customer key"));
                clear.put("unit secret of " + unit.serial(), secret);
            }
        }

        Path exports = dir.resolve("exports");
        Files.createDirectories(exports);
        Files.writeString(exports.resolve("export.secrets"), export.out());
        // pem, manifest and aws carry certificates only; SecretScanIT covers them for the station's own secrets
        for (String format : List.of("csv", "jsonl")) {
            HallmarkProcess.Result other = HallmarkProcess.run(dir, "audit", "export", "--format", format,
                    "--data-dir", dataDir);
            assertThat(other.exit()).as(other.toString()).isZero();
            Files.writeString(exports.resolve("export." + format), other.out());
        }
        assertThat(HallmarkProcess.run(dir, "lot", "report", "--lot", "SEC", "--data-dir", dataDir).exit()).isZero();
        List<Path> scanned = new java.util.ArrayList<>();
        for (Path root : List.of(dir.resolve("logs"), dir.resolve("audit"), exports, dir.resolve("reports"))) {
            try (var walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(scanned::add);
            }
        }
        assertThat(scanned).extracting(p -> p.getFileName().toString()).contains("hallmark.log", "hallmark.mv.db",
                "export.secrets", dev.hallmark.app.report.ReportFileName.base("SEC") + ".json");
        Path planted = Files.writeString(dir.resolve("planted.txt"), "x" + new String(clear.values().iterator().next(),
                StandardCharsets.UTF_8) + "x");
        assertThat(SecretScanIT.findings(List.of(planted), clear)).hasSize(1);
        assertThat(SecretScanIT.findings(scanned, clear)).isEmpty();
    }
}
