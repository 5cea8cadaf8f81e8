package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The main job as a user runs it: {@code hallmark demo --count 3 --headless} in its own JVM on a fresh data
 * directory, then checked from outside Hallmark's code with pkcs11-tool, openssl and the JSON export.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCommandIT {

    static Path dataDir;
    static HallmarkProcess.Result demo;

    @BeforeAll
    static void runTheDemo() throws Exception {
        dataDir = HallmarkProcess.freshDir("demo");
        demo = HallmarkProcess.run(dataDir, "demo", "--count", "3", "--headless", "--data-dir", dataDir.toString());
    }

    @Test
    @Order(1)
    void theDemoProvisionsThreeUnitsAndSaysSo() {
        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.lines()).filteredOn(l -> l.startsWith("PASS ")).hasSize(3);
        assertThat(demo.lines()).anyMatch(l -> l.startsWith("lot DEMO: 3 passed, 0 failed"));
        assertThat(demo.out()).contains("created SoftHSM2 token 'hallmark'", "created embedded CA");
        assertThat(demo.err()).isEmpty();
    }

    @Test
    @Order(2)
    void theTokenHoldsTheCaKeysNotExtractableAndNoDeviceKey() throws Exception {
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets/hsm-pin")))
                .extracting(Enum::name).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        String privateKeys = OutsideTools.pkcs11Tool(dataDir, "--list-objects", "--type", "privkey");

        List<String> labels = privateKeys.lines().filter(l -> l.trim().startsWith("label:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).toList();
        assertThat(labels).as("the CA keys and the station's audit key; no device key")
                .containsExactlyInAnyOrder("hallmark-root-ca", "hallmark-issuing-ca", "hallmark-station-audit");
        assertThat(privateKeys.lines().filter(l -> l.trim().startsWith("Access:")))
                .hasSize(3).allMatch(l -> l.contains("never extractable") && l.contains("sensitive"));
    }

    @Test
    @Order(3)
    void everyDeviceCertificateVerifiesWithOpensslAgainstTheExportedChain() throws Exception {
        HallmarkProcess.Result chain = HallmarkProcess.run(dataDir, "ca", "chain", "--data-dir", dataDir.toString());
        assertThat(chain.exit()).as(chain.toString()).isZero();
        List<String> pems = splitPem(chain.out());
        assertThat(pems).hasSize(2);
        Path issuing = Files.writeString(dataDir.resolve("issuing-check.pem"), pems.get(0));
        Path root = Files.writeString(dataDir.resolve("root-check.pem"), pems.get(1));

        List<JsonNode> units = export();
        assertThat(units).hasSize(3);
        for (JsonNode unit : units) {
            Path leaf = Files.writeString(dataDir.resolve("leaf-check.pem"), unit.get("certificate").asText());
            assertThat(OutsideTools.opensslVerify(root, issuing, leaf)).endsWith(": OK").startsWith("exit 0");
        }
    }

    @Test
    @Order(4)
    void theExportShowsThreePassUnitsWithDistinctUids() throws Exception {
        List<JsonNode> units = export();

        assertThat(units).hasSize(3).allSatisfy(u -> {
            assertThat(u.get("result").asText()).isEqualTo("PASS");
            assertThat(u.get("failed_step").isNull()).isTrue();
            assertThat(u.get("lot").asText()).isEqualTo("DEMO");
            assertThat(u.get("uid").asText()).hasSize(24);
            assertThat(u.get("cert_sha256").asText()).hasSize(64);
            assertThat(u.get("certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
            for (String field : List.of("serial", "cause", "station", "started", "finished")) {
                assertThat(u.has(field)).as(field).isTrue();
            }
        });
        assertThat(units).extracting(u -> u.get("uid").asText()).doesNotHaveDuplicates();
        assertThat(units).extracting(u -> u.get("serial").asText())
                .containsExactlyInAnyOrder("HM-F4-000001", "HM-F4-000002", "HM-F4-000003");
    }

    @Test
    @Order(5)
    void runningAgainOnTheSameDataDirectoryAddsUnits() throws Exception {
        HallmarkProcess.Result again = HallmarkProcess.run(dataDir, "demo", "--count", "2", "--headless",
                "--data-dir", dataDir.toString());

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).doesNotContain("created SoftHSM2 token");
        assertThat(export()).hasSize(5).extracting(u -> u.get("serial").asText())
                .contains("HM-F4-000004", "HM-F4-000005");
    }

    static List<JsonNode> export() throws Exception {
        return export(dataDir);
    }

    static List<JsonNode> export(Path dataDir) throws Exception {
        HallmarkProcess.Result export = HallmarkProcess.run(dataDir, "audit", "export", "--data-dir", dataDir.toString(),
                "--format", "jsonl");
        assertThat(export.exit()).as(export.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> units = new ArrayList<>();
        for (String line : export.lines()) {
            units.add(json.readTree(line));
        }
        return units;
    }

    static List<String> splitPem(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN CERTIFICATE-----", from);
            if (begin < 0) {
                return out;
            }
            int end = text.indexOf("-----END CERTIFICATE-----", begin) + "-----END CERTIFICATE-----".length();
            out.add(text.substring(begin, end) + "\n");
            from = end;
        }
    }
}
