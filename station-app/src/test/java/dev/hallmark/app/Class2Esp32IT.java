package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.db.conformity.JdbcConformityRecords;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.engine.conformity.SecureBootDigest;
import dev.hallmark.engine.port.ControlEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ISO/IEC 27402 Class 2 and 3 end to end on the station: simulated ESP32-C3 chips on ptys, each with a TPM 2.0 token
 * beside it (swtpm + tpm2-pkcs11, on-device custody), the embedded CA and H2, the product's firmware signing key named
 * in conformity.yaml. Units pass with KEY_IN_HARDWARE and SECURE_BOOT satisfied; the same profile with the station's
 * SoftHSM token is refused before the first unit (HM-720); Class 3 is refused without a declared certified module
 * and the two-person rule, and passes with both and a second person's approval.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Class2Esp32IT {

    private static Path dir;
    private static String dataDir;
    private static String digestHex;
    private static String adminPassword;

    @BeforeAll
    static void station() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/swtpm")), "swtpm is not installed");
        dir = HallmarkProcess.freshDir("class2-esp32");
        dataDir = dir.toString();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        RSAPublicKey signing = (RSAPublicKey) rsa.generateKeyPair().getPublic();
        digestHex = HexFormat.of().formatHex(SecureBootDigest.of(signing));
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/firmware-signing.pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(signing.getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    private static void declare(String yaml) throws Exception {
        Files.writeString(dir.resolve("conformity.yaml"), yaml + "secure_boot_key: keys/firmware-signing.pub.pem\n");
    }

    private static HallmarkProcess.Result demo(Map<String, String> env, String lot, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--target", "esp32c3", "--headless",
                "--data-dir", dataDir, "--lot", lot));
        args.addAll(List.of(more));
        return HallmarkProcess.run(dir, env, args.toArray(String[]::new));
    }

    private static Map<Long, List<ControlEvidence>> controls(String lot) throws Exception {
        return new JdbcConformityRecords(AuditDataSources.embedded(dir.resolve("audit"))).controls(lot);
    }

    @Test
    @Order(1)
    void class2UnitsPassWithTheKeyInTheirTpmAndSecureBootConfirmed() throws Exception {
        declare("class: 2\n");
        HallmarkProcess.Result run = demo(Map.of(), "C2", "--custody", "on-device", "--count", "2", "--fixtures", "2");

        assertThat(run.exit()).as(run.toString()).isZero();
        adminPassword = HallmarkProcess.adminPassword(run);
        assertThat(run.lines()).filteredOn(l -> l.startsWith("PASS  HM-C3T-")).hasSize(2);
        Map<Long, List<ControlEvidence>> units = controls("C2");
        assertThat(units).hasSize(2);
        for (List<ControlEvidence> unit : units.values()) {
            assertThat(unit).extracting(c -> c.control() + "=" + c.satisfied()).containsExactly(
                    "CLASS_PREREQUISITES=true", "UNIQUE_IDENTITY=true", "KEY_GENERATED_IN_TOKEN=true",
                    "DEBUG_LOCKED=true", "NO_DEFAULT_PASSWORD=true", "KEY_IN_HARDWARE=true", "SECURE_BOOT=true");
            assertThat(evidence(unit, "KEY_IN_HARDWARE")).contains("IBM", "hardware");
            assertThat(evidence(unit, "KEY_GENERATED_IN_TOKEN")).contains("CKA_LOCAL=true", "CKA_EXTRACTABLE=false",
                    "CKA_NEVER_EXTRACTABLE=true", "CKA_TOKEN=true");
            assertThat(evidence(unit, "SECURE_BOOT")).contains("reads back " + digestHex, "SECURE_BOOT_DIGEST0",
                    "write-protected", "SECURE_BOOT_EN = 1", "secure boot enabled", "refused the unsigned image");
            assertThat(evidence(unit, "CLASS_PREREQUISITES")).contains("Class 2", "KEY_IN_HARDWARE: the key token is a"
                    + " hardware token", "SECURE_BOOT: secure boot: the ESP32-C3 link burns the signing key digest "
                    + digestHex);
        }
    }

    @Test
    @Order(2)
    void theSameProfileWithTheStationsSoftHsmIsRefusedBeforeTheFirstUnit() throws Exception {
        declare("class: 2\n");
        HallmarkProcess.Result run = demo(Map.of(), "C2S", "--count", "1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("hallmark: HM-720 conformity:")
                .contains("Class 2", "software token (no CKF_HW_SLOT)").doesNotContain("secure boot cannot");
        assertThat(run.out()).doesNotContain("PASS ", "FAIL ");
        assertThat(controls("C2S")).isEmpty();
    }

    @Test
    @Order(3)
    void class3IsRefusedWithoutACertifiedModuleAndTheTwoPersonRuleAndPassesWithThem() throws Exception {
        declare("class: 3\ntwo_person_rule: false\n");
        HallmarkProcess.Result refused = demo(Map.of(), "C3", "--custody", "on-device", "--count", "1",
                "--fixtures", "1");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("HM-720", "Class 3", "no certified cryptographic module is declared",
                "two-person rule is off").doesNotContain("software token", "secure boot cannot");

        Map<String, String> admin = HallmarkProcess.signedIn(dir, "admin", adminPassword);
        addOperator(admin, "olga", "operator");
        addOperator(admin, "sam", "supervisor");
        Map<String, String> olga = HallmarkProcess.signedIn(dir, "olga", "olga-secret-password");

        declare("class: 3\ncertified_module: \"TPM 2.0, FIPS 140-3 certificate #0000 (declared for the test)\"\n");
        HallmarkProcess.Result unapproved = demo(olga, "C3", "--custody", "on-device", "--count", "1",
                "--fixtures", "1", "--operator", "olga");
        assertThat(unapproved.exit()).as(unapproved.toString()).isEqualTo(2);
        assertThat(unapproved.err()).contains("HM-703");

        Map<String, String> approved = new HashMap<>(olga);
        approved.put("HALLMARK_APPROVER_PASSWORD_FILE", HallmarkProcess.signedIn(dir, "sam", "sam-secret-password")
                .get("HALLMARK_PASSWORD_FILE"));
        HallmarkProcess.Result run = demo(approved, "C3", "--custody", "on-device", "--count", "1", "--fixtures", "1",
                "--operator", "olga", "--approver", "sam");
        assertThat(run.exit()).as(run.toString()).isZero();
        List<ControlEvidence> unit = controls("C3").values().iterator().next();
        assertThat(unit).extracting(c -> c.control() + "=" + c.satisfied()).contains("KEY_IN_HARDWARE=true",
                "SECURE_BOOT=true", "CERTIFIED_MODULE=true", "PERMANENT_LOCK=true");
        assertThat(evidence(unit, "CLASS_PREREQUISITES")).contains("Class 3", "two-person rule on");
    }

    private static void addOperator(Map<String, String> admin, String name, String role) throws Exception {
        Map<String, String> env = new HashMap<>(admin);
        env.put("HALLMARK_NEW_PASSWORD_FILE", HallmarkProcess.signedIn(dir, "new-" + name, name + "-secret-password")
                .get("HALLMARK_PASSWORD_FILE"));
        HallmarkProcess.Result added = HallmarkProcess.run(dir, env, "operator", "add", name, "--role", role,
                "--operator", "admin", "--data-dir", dataDir);
        assertThat(added.exit()).as(added.toString()).isZero();
    }

    private static String evidence(List<ControlEvidence> unit, String control) {
        return unit.stream().filter(c -> c.control().equals(control)).findFirst().orElseThrow().evidence();
    }
}
