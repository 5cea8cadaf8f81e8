package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, roles, lockout and the two-person rule through the real command line: first start, operators added by
 * the admin, refusals with their codes, and the action log in the database with who, when and the approver.
 */
class AccessControlIT {

    private static Path dir;
    private static String dataDir;
    private static Map<String, String> admin;

    @BeforeAll
    static void station() throws Exception {
        dir = HallmarkProcess.freshDir("access");
        dataDir = dir.resolve("station").toString();
        // two units, so that HM-F4-000001 (revoked below) exists even if the simulated bench fails one
        HallmarkProcess.Result first = HallmarkProcess.run(dir.resolve("station"), "demo", "--count", "2", "--headless",
                "--data-dir", dataDir);
        assertThat(first.exit()).as(first.toString()).isIn(0, 1);
        admin = HallmarkProcess.signedIn(dir, "admin", HallmarkProcess.adminPassword(first));
        addOperator("olga", "operator", "olga-secret-password");
        addOperator("sam", "supervisor", "sam-secret-password");
        addOperator("ada", "auditor", "ada-secret-password");
    }

    private static void addOperator(String name, String role, String password) throws Exception {
        Map<String, String> env = new HashMap<>(admin);
        env.put("HALLMARK_NEW_PASSWORD_FILE", HallmarkProcess.signedIn(dir, "new-" + name, password)
                .get("HALLMARK_PASSWORD_FILE"));
        HallmarkProcess.Result r = run(env, "operator", "add", name, "--role", role, "--operator", "admin");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("added operator " + name + " (" + role + ")");
    }

    private static HallmarkProcess.Result run(Map<String, String> env, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir));
        return HallmarkProcess.run(dir.resolve("station"), env, all.toArray(String[]::new));
    }

    private static Map<String, String> as(String name, String password) throws Exception {
        return HallmarkProcess.signedIn(dir, name, password);
    }

    @Test
    void theAdminPasswordIsShownOnlyAtFirstStart() throws Exception {
        HallmarkProcess.Result again = run(Map.of(), "demo", "--count", "1", "--headless");
        // exit 1 is a unit the simulated bench failed; the sign-in and the run happened either way
        assertThat(again.exit()).as(again.toString()).isIn(0, 1);
        assertThat(again.out()).contains("lot DEMO: ");
        assertThat(again.out()).doesNotContain("created operator 'admin'");
        HallmarkProcess.Result list = run(admin, "operator", "list", "--operator", "admin");
        assertThat(list.out()).contains("olga", "sam", "ada", "station").doesNotContain("$argon2id$");
    }

    @Test
    void eachRoleIsRefusedWhatItMayNotDo() throws Exception {
        HallmarkProcess.Result auditorProvisions = run(as("ada", "ada-secret-password"), "demo", "--count", "1",
                "--headless", "--operator", "ada");
        assertThat(auditorProvisions.exit()).isEqualTo(2);
        assertThat(auditorProvisions.err()).contains("HM-700", "ada (auditor) may not provision");
        HallmarkProcess.Result operatorReports = run(as("olga", "olga-secret-password"), "lot", "report", "--lot",
                "DEMO", "--operator", "olga");
        assertThat(operatorReports.err()).contains("HM-700", "olga (operator) may not lot report");
        HallmarkProcess.Result operatorAdds = run(as("olga", "olga-secret-password"), "operator", "add", "eve",
                "--role", "admin", "--generate", "--operator", "olga");
        assertThat(operatorAdds.err()).contains("HM-700");
        HallmarkProcess.Result auditorExports = run(as("ada", "ada-secret-password"), "audit", "export", "--format",
                "csv", "--operator", "ada");
        assertThat(auditorExports.exit()).as(auditorExports.toString()).isZero();
        assertThat(auditorExports.out()).startsWith("unit_id,");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountUntilTheAdminResetsIt() throws Exception {
        addOperator("lena", "operator", "lena-secret-password");
        Map<String, String> wrong = as("lena", "not-her-password");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add(run(wrong, "demo", "--count", "1", "--headless", "--operator", "lena").err().substring(10, 16));
        }
        assertThat(codes).containsExactly("HM-701", "HM-701", "HM-701", "HM-701", "HM-702");
        HallmarkProcess.Result right = run(as("lena", "lena-secret-password"), "demo", "--count", "1", "--headless",
                "--operator", "lena");
        assertThat(right.err()).contains("HM-702", "is locked");
        Map<String, String> reset = new HashMap<>(admin);
        reset.put("HALLMARK_NEW_PASSWORD_FILE", as("lena-new", "lena-better-password").get("HALLMARK_PASSWORD_FILE"));
        assertThat(run(reset, "operator", "passwd", "lena", "--operator", "admin").exit()).isZero();
        HallmarkProcess.Result after = run(as("lena", "lena-better-password"), "demo", "--count", "1", "--headless",
                "--operator", "lena");
        assertThat(after.exit()).as(after.toString()).isIn(0, 1);
        assertThat(after.out()).contains("lot DEMO: ");
    }

    @Test
    void theTwoPersonRuleNeedsADifferentSupervisorAndRecordsBothNames() throws Exception {
        Files.writeString(dir.resolve("station").resolve("conformity.yaml"), "class: 1\ntwo_person_rule: true\n");
        try {
            HallmarkProcess.Result alone = run(admin, "ca", "revoke", "--unit", "HM-F4-000001", "--operator", "admin");
            assertThat(alone.err()).contains("HM-703", "two-person rule is on");
            Map<String, String> self = new HashMap<>(admin);
            self.put("HALLMARK_APPROVER_PASSWORD_FILE", admin.get("HALLMARK_PASSWORD_FILE"));
            HallmarkProcess.Result ownApproval = run(self, "ca", "revoke", "--unit", "HM-F4-000001", "--operator",
                    "admin", "--approver", "admin");
            assertThat(ownApproval.err()).contains("HM-704", "cannot approve their own request");
            Map<String, String> withSam = new HashMap<>(admin);
            withSam.put("HALLMARK_APPROVER_PASSWORD_FILE", as("sam", "sam-secret-password").get("HALLMARK_PASSWORD_FILE"));
            HallmarkProcess.Result approved = run(withSam, "ca", "revoke", "--unit", "HM-F4-000001", "--operator",
                    "admin", "--approver", "sam");
            assertThat(approved.exit()).as(approved.toString()).isZero();
            assertThat(approved.out()).contains("revoked HM-F4-000001");
        } finally {
            Files.delete(dir.resolve("station").resolve("conformity.yaml"));
        }
        assertThat(actions()).contains("admin CA_KEY_OPERATION revoke HM-F4-000001 DENIED -",
                "admin CA_KEY_OPERATION revoke HM-F4-000001 OK sam");
    }

    /** The action log as "operator action target outcome approver", read from the H2 file by an outside process. */
    private static List<String> actions() throws Exception {
        List<String> rows = new ArrayList<>();
        String out = H2Shell.run(Path.of(dataDir), "select operator || ' ' || action || ' ' || coalesce(target, '-') || ' '"
                + " || outcome || ' ' || coalesce(approver, '-') || ' @' || at as action_line from operator_actions order by seq");
        for (String line : out.lines().toList()) {
            if (line.contains(" @")) {
                rows.add(line.substring(0, line.indexOf(" @")).trim());
            }
        }
        return rows;
    }
}
