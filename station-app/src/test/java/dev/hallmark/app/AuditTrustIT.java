package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 22 items 1 and 2, done as an attacker with write access to a station's data directory would,
 * on real stations (SoftHSM2 token, H2 through the real commands): a history swapped with another station's, the
 * newest units and checkpoints cut off, the newest action-log rows deleted. Each must be named by {@code audit verify}.
 */
class AuditTrustIT {

    private static final String REAL_KEY = "the station's own audit key";

    @Test
    void aHistorySwappedWithAnotherStationsIsRefusedAgainstTheTokensKey() throws Exception {
        Path root = HallmarkProcess.freshDir("trust-swap");
        Path victim = root.resolve("victim");
        Path other = root.resolve("other");
        demo(victim, 1);
        demo(other, 1);
        String victimKey = Files.readString(victim.resolve("audit-signer.sha256")).trim();
        String otherKey = Files.readString(other.resolve("audit-signer.sha256")).trim();
        assertThat(victimKey).as(REAL_KEY).isNotEqualTo(otherKey);

        HallmarkProcess.Result clean = verify(victim);
        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("pin: token", victimKey);

        // the attacker brings the other station's history, its pin file and its service account's secret
        copyTree(other.resolve("audit"), victim.resolve("audit"));
        for (String file : new String[] {"audit-signer.sha256", "secrets/station-operator"}) {
            Files.copy(other.resolve(file), victim.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }

        HallmarkProcess.Result swapped = verify(victim);
        assertThat(swapped.exit()).as(swapped.toString()).isEqualTo(1);
        assertThat(swapped.out()).contains("BAD_CHECKPOINT_SIGNATURE", "PIN_MISMATCH audit-signer.sha256")
                .doesNotContain("OK: the audit record holds");

        HallmarkProcess.Result report = HallmarkProcess.run(victim, "lot", "report", "--lot", "DEMO", "--data-dir",
                victim.toString());
        assertThat(report.exit()).as(report.toString()).isEqualTo(1);
        String json = Files.readString(victim.resolve("reports").resolve(dev.hallmark.app.report.ReportFileName.base("DEMO") + ".json"));
        assertThat(json).containsPattern("\"pin\"\\s*:\\s*\"token\"");

        // the token out of reach: the pin file the attacker replaced is not trusted by itself
        Path pin = victim.resolve("secrets").resolve("hsm-pin");
        Path aside = root.resolve("hsm-pin-aside");
        Files.move(pin, aside);
        try {
            HallmarkProcess.Result unpinned = verify(victim);
            assertThat(unpinned.exit()).as("never 0 without a pin: " + unpinned).isIn(1, 4);
            assertThat(unpinned.out()).contains("pin: unpinned").doesNotContain("OK: the audit record holds");

            HallmarkProcess.Result auditorPin = HallmarkProcess.run(victim, "audit", "verify", "--trust-key-sha256",
                    victimKey, "--data-dir", victim.toString());
            assertThat(auditorPin.exit()).as(auditorPin.toString()).isEqualTo(1);
            assertThat(auditorPin.out()).contains("pin: auditor", "BAD_CHECKPOINT_SIGNATURE");

            Path list = root.resolve("plant-trust.list");
            Files.writeString(list, "# plant trust list\n" + stationId(other) + " " + victimKey + "\n");
            HallmarkProcess.Result trustList = HallmarkProcess.run(victim, "audit", "verify", "--trust-list",
                    list.toString(), "--data-dir", victim.toString());
            assertThat(trustList.exit()).as(trustList.toString()).isEqualTo(1);
            assertThat(trustList.out()).contains("pin: trust list", "BAD_CHECKPOINT_SIGNATURE");
        } finally {
            Files.move(aside, pin);
        }

        // an honest station whose token is out of reach: no finding, but not vouched for either
        Path otherPin = other.resolve("secrets").resolve("hsm-pin");
        Files.move(otherPin, aside);
        try {
            HallmarkProcess.Result away = verify(other);
            assertThat(away.exit()).as(away.toString()).isEqualTo(4);
            assertThat(away.lines()).first().asString().startsWith("pin: unpinned");
            assertThat(away.out()).contains("UNPINNED: no finding").doesNotContain("OK: the audit record holds");
        } finally {
            Files.move(aside, otherPin);
        }

        Path list = root.resolve("honest-trust.list");
        Files.writeString(list, stationId(other) + " " + otherKey + "\n");
        HallmarkProcess.Result honest = HallmarkProcess.run(other, "audit", "verify", "--trust-list", list.toString(),
                "--data-dir", other.toString());
        assertThat(honest.exit()).as(honest.toString()).isZero();
        assertThat(honest.out()).contains("pin: trust list", "OK: the audit record holds");
    }

    @Test
    void cuttingOffTheNewestUnitsWithTheirCheckpointsIsNamed() throws Exception {
        Path dir = HallmarkProcess.freshDir("trust-truncate");
        demo(dir, 2);
        demo(dir, 1); // the newest unit's events all follow the first run's checkpoints
        HallmarkProcess.Result clean = verify(dir);
        assertThat(clean.exit()).as(clean.toString()).isZero();
        String lastCert = H2Shell.run(dir, "select 'cut=' || c.cert_sha256 as cut from unit_certificates c"
                + " where c.unit_id = (select max(id) from units)").lines()
                .filter(l -> l.contains("cut=")).findFirst().orElseThrow().trim().substring(4);

        H2Shell.run(dir, cutNewestUnit());

        HallmarkProcess.Result cut = verify(dir);
        assertThat(cut.exit()).as(cut.toString()).isEqualTo(1);
        assertThat(cut.out()).contains("TRUNCATED", "UNRECORDED_CERTIFICATE", lastCert)
                .doesNotContain("OK: the audit record holds");
    }

    @Test
    void deletingTheNewestActionLogRowsIsNamed() throws Exception {
        Path root = HallmarkProcess.freshDir("trust-actions");
        Path dir = root.resolve("station");
        HallmarkProcess.Result first = demo(dir, 2);
        Map<String, String> admin = HallmarkProcess.signedIn(root, "admin", HallmarkProcess.adminPassword(first));
        addOperator(root, dir, admin, "sam", "supervisor", "sam-secret-password");
        addOperator(root, dir, admin, "lena", "operator", "lena-secret-password");
        long before = actionCount(dir);

        Map<String, String> withSam = new HashMap<>(admin);
        withSam.put("HALLMARK_APPROVER_PASSWORD_FILE",
                HallmarkProcess.signedIn(root, "sam", "sam-secret-password").get("HALLMARK_PASSWORD_FILE"));
        HallmarkProcess.Result revoked = HallmarkProcess.run(dir, withSam, "ca", "revoke", "--unit", "HM-F4-000001",
                "--operator", "admin", "--approver", "sam", "--data-dir", dir.toString());
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        Map<String, String> wrong = HallmarkProcess.signedIn(root, "lena", "not-lenas-password");
        for (int i = 0; i < 5; i++) {
            HallmarkProcess.Result refused = HallmarkProcess.run(dir, wrong, "audit", "verify", "--operator", "lena",
                    "--data-dir", dir.toString());
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        }
        long after = actionCount(dir);
        assertThat(after - before).as("the CA operation and five refused sign-ins were recorded").isGreaterThanOrEqualTo(6);

        H2Shell.run(dir, "delete from operator_actions where seq > " + before + ";"
                + " update operator_action_head set seq = " + before
                + ", hash = (select hash from operator_actions where seq = " + before + ") where id = 1");

        HallmarkProcess.Result cut = verify(dir);
        assertThat(cut.exit()).as(cut.toString()).isEqualTo(1);
        assertThat(cut.out()).contains("operator_actions").doesNotContain("OK: the audit record holds");
    }

    /** SQL that removes the newest unit with every row and event after the checkpoint before it, and moves the head back. */
    private static String cutNewestUnit() {
        String after = "(select id from audit_events where seq > @k)";
        return String.join("; ",
                "set @u = (select max(id) from units)",
                "set @k = (select max(seq) from audit_checkpoints where seq < (select min(seq) from audit_events"
                        + " where unit_id = @u))",
                "delete from unit_controls where event_id in " + after,
                "delete from step_events where event_id in " + after,
                "delete from lock_evidence where event_id in " + after,
                "delete from unit_certificates where event_id in " + after,
                "delete from key_references where event_id in " + after,
                "delete from public_keys where public_key_sha256 not in (select public_key_sha256 from key_references)",
                "delete from unit_secrets where unit_id >= @u",
                "delete from uid_claims where unit_id >= @u",
                "delete from lot_serials where unit_id >= @u",
                "delete from audit_checkpoints where seq > @k",
                "delete from audit_events where seq > @k",
                "delete from units where id >= @u",
                "update audit_chain_heads set seq = @k, hash = (select hash from audit_events where seq = @k)");
    }

    private static HallmarkProcess.Result demo(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        HallmarkProcess.Result r = HallmarkProcess.run(dir, "demo", "--count", String.valueOf(count), "--headless",
                "--data-dir", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static HallmarkProcess.Result verify(Path dir) throws Exception {
        return HallmarkProcess.run(dir, "audit", "verify", "--data-dir", dir.toString());
    }

    private static String stationId(Path dir) throws Exception {
        return H2Shell.run(dir, "select 'id=' || station as s from audit_chain_heads").lines()
                .filter(l -> l.contains("id=")).findFirst().orElseThrow().trim().substring(3);
    }

    @Test
    void refusedSignInsOfTheLotOperatorAndExportCommandsAreAnchoredAtOnce() throws Exception {
        Path root = HallmarkProcess.freshDir("trust-refusals");
        Path dir = root.resolve("station");
        HallmarkProcess.Result first = demo(dir, 1);
        Map<String, String> admin = HallmarkProcess.signedIn(root, "admin", HallmarkProcess.adminPassword(first));
        addOperator(root, dir, admin, "lena", "operator", "lena-secret-password");
        long before = actionCount(dir);

        Map<String, String> wrong = HallmarkProcess.signedIn(root, "lena", "not-lenas-password");
        String data = dir.toString();
        for (String[] command : new String[][] {
                {"lot", "summary", "--lot", "DEMO", "--operator", "lena", "--data-dir", data},
                {"lot", "close", "--lot", "DEMO", "--operator", "lena", "--data-dir", data},
                {"operator", "list", "--operator", "lena", "--data-dir", data},
                {"audit", "export", "--format", "jsonl", "--operator", "lena", "--data-dir", data}}) {
            HallmarkProcess.Result refused = HallmarkProcess.run(dir, wrong, command);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        }
        assertThat(actionCount(dir) - before).as("each refused sign-in was recorded").isGreaterThanOrEqualTo(4);
        HallmarkProcess.Result holds = verify(dir);
        assertThat(holds.exit()).as(holds.toString()).isZero();

        // no provisioning checkpoint came after the refusals: only their own anchors can name the cut
        H2Shell.run(dir, "delete from operator_actions where seq > " + before + ";"
                + " update operator_action_head set seq = " + before
                + ", hash = (select hash from operator_actions where seq = " + before + ") where id = 1");
        HallmarkProcess.Result cut = verify(dir);
        assertThat(cut.exit()).as(cut.toString()).isEqualTo(1);
        assertThat(cut.out()).contains("operator_actions").doesNotContain("OK: the audit record holds");
    }

    private static long actionCount(Path dir) throws Exception {
        return Long.parseLong(H2Shell.run(dir, "select 'n=' || seq as n from operator_action_head").lines()
                .filter(l -> l.contains("n=")).findFirst().orElseThrow().trim().substring(2));
    }

    private static void addOperator(Path root, Path dir, Map<String, String> admin, String name, String role,
                                    String password) throws Exception {
        Map<String, String> env = new HashMap<>(admin);
        env.put("HALLMARK_NEW_PASSWORD_FILE", HallmarkProcess.signedIn(root, "new-" + name, password)
                .get("HALLMARK_PASSWORD_FILE"));
        HallmarkProcess.Result r = HallmarkProcess.run(dir, env, "operator", "add", name, "--role", role, "--operator",
                "admin", "--data-dir", dir.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        HallmarkProcess.delete(to);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
