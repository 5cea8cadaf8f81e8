package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.db.store.AuditDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 22 items 6-8 on one station, through the real CLI: names that would forge terminal output are refused
 * before anything is claimed; every file and directory the station makes is owner-only (checked with stat); the
 * last admin cannot be locked, and a break-glass unlock needs the token's SO PIN and is recorded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StationHygieneIT {

    static final Path DIR = dir("hygiene");
    /** Password and PIN files of the test, outside the data directory. */
    static final Path OUTSIDE = dir("hygiene-outside");
    static String adminPassword;

    private static Path dir(String name) {
        try {
            return HallmarkProcess.freshDir(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static HallmarkProcess.Result hallmark(Map<String, String> env, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", DIR.toString()));
        return HallmarkProcess.run(DIR, env, all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void namesWithEscCrLfOrOver64CharactersAreRefusedBeforeAnythingIsClaimed() throws Exception {
        HallmarkProcess.Result first = hallmark(Map.of(), "demo", "--count", "1", "--headless", "--lot", "GOOD");
        assertThat(first.exit()).as(first.toString()).isZero();
        adminPassword = HallmarkProcess.adminPassword(first);

        for (String lot : List.of("EVIL\u001b[2J\u001b[1;1H", "EVIL\nPASS  HM-F4-000999 forged", "EVIL\r",
                "EVIL\u0007", "E".repeat(100_000))) {
            HallmarkProcess.Result r = hallmark(Map.of(), "demo", "--count", "1", "--headless", "--lot", lot);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("hallmark: HM-610 lot: the lot name ").doesNotContain("EVIL", "EEEE",
                    "\u001b", "disk space");
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.out()).doesNotContain("PASS", "\u001b");
        }
        try (AuditDatabase db = AuditDatabase.openH2(DIR.resolve("audit"))) {
            assertThat(db.store().units("GOOD")).as("the query sees units where there are some").hasSize(1);
        }
        String lots = H2Shell.run(DIR, "select count(*) as n from lots where id <> 'GOOD'");
        assertThat(lots).as(lots).containsPattern("(?m)^0\\s*$");
        String units = H2Shell.run(DIR, "select count(*) as n from units where lot_id <> 'GOOD'");
        assertThat(units).as(units).containsPattern("(?m)^0\\s*$");
    }

    @Test
    @Order(2)
    void everyFileAndDirectoryTheStationMakesIsOwnerOnly() throws Exception {
        // an H2 trace file the test's own database access (test JVM and H2 Shell, umask 022) may have left is not
        // the station's
        Files.deleteIfExists(DIR.resolve("audit/hallmark.trace.db"));
        Files.setPosixFilePermissions(DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> admin = HallmarkProcess.signedIn(OUTSIDE, "admin", adminPassword);
        assertThat(hallmark(admin, "lot", "report", "--lot", "GOOD", "--operator", "admin").exit()).isZero();
        assertThat(hallmark(Map.of(), "audit", "export", "--format", "csv").exit()).isZero();

        Process stat = new ProcessBuilder("find", DIR.toString(), "-exec", "stat", "-c", "%a %F %n", "{}", "+")
                .redirectErrorStream(true).start();
        List<String> lines = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(stat.waitFor()).isZero();
        assertThat(lines).as("stat saw the database, the log and the report")
                .anyMatch(l -> l.endsWith("hallmark.mv.db")).anyMatch(l -> l.endsWith("hallmark.log"))
                .anyMatch(l -> l.endsWith("-conformity.pdf")).anyMatch(l -> l.contains(" directory ") && l.endsWith("/tokens"));
        assertThat(lines).filteredOn(l -> !l.contains("symbolic link"))
                .allSatisfy(l -> assertThat(Integer.parseInt(l.substring(0, l.indexOf(' ')), 8) & 077)
                        .as(l).isZero());
    }

    @Test
    @Order(3)
    void fiveWrongPasswordsDoNotLockTheLastAdminAndNeitherDoesTheAdmin() throws Exception {
        Map<String, String> wrong = HallmarkProcess.signedIn(OUTSIDE, "admin-wrong", "not-the-password-1");
        for (int i = 0; i < 5; i++) {
            HallmarkProcess.Result r = hallmark(wrong, "operator", "list", "--operator", "admin");
            assertThat(r.err()).as(r.toString()).contains("HM-701");
        }
        Map<String, String> admin = HallmarkProcess.signedIn(OUTSIDE, "admin", adminPassword);
        assertThat(hallmark(admin, "operator", "list", "--operator", "admin").exit()).isZero();
        HallmarkProcess.Result self = hallmark(admin, "operator", "lock", "admin", "--operator", "admin");
        assertThat(self.exit()).as(self.toString()).isNotZero();
        assertThat(self.err()).contains("HM-730");
        String log = H2Shell.run(DIR, "select detail from operator_actions where operator = 'admin' and outcome = 'DENIED'");
        assertThat(log).contains("failure 5 of 5", "not locked: the last active admin", "last active admin");
    }

    @Test
    @Order(4)
    void aBreakGlassUnlockNeedsTheTokensSoPinAndIsRecorded() throws Exception {
        Map<String, String> admin = HallmarkProcess.signedIn(OUTSIDE, "admin", adminPassword);
        String inesPassword = "ines-unguessable-" + Long.toHexString(System.nanoTime());
        Map<String, String> add = new java.util.HashMap<>(admin);
        add.put("HALLMARK_NEW_PASSWORD_FILE", HallmarkProcess.signedIn(OUTSIDE, "new", inesPassword)
                .get("HALLMARK_PASSWORD_FILE"));
        assertThat(hallmark(add, "operator", "add", "ines", "--role", "admin", "--operator", "admin").exit()).isZero();
        Map<String, String> ines = HallmarkProcess.signedIn(OUTSIDE, "ines", inesPassword);
        assertThat(hallmark(ines, "operator", "lock", "admin", "--operator", "ines").exit()).isZero();
        HallmarkProcess.Result inesSelf = hallmark(ines, "operator", "lock", "ines", "--operator", "ines");
        assertThat(inesSelf.err()).as(inesSelf.toString()).contains("HM-730");

        Path wrongPin = OUTSIDE.resolve("wrong-so-pin");
        Files.deleteIfExists(wrongPin);
        Files.createFile(wrongPin, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrongPin, "0000000000000000");
        HallmarkProcess.Result refused = hallmark(Map.of(), "operator", "unlock", "admin", "--break-glass",
                "--so-pin-file", wrongPin.toString());
        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("HM-731");
        assertThat(hallmark(admin, "operator", "list", "--operator", "admin").err()).contains("HM-702");

        HallmarkProcess.Result unlocked = hallmark(Map.of(), "operator", "unlock", "admin", "--break-glass",
                "--so-pin-file", DIR.resolve("secrets/hsm-so-pin").toString());
        assertThat(unlocked.exit()).as(unlocked.toString()).isZero();
        assertThat(hallmark(admin, "operator", "list", "--operator", "admin").exit()).isZero();

        String log = H2Shell.run(DIR, "select operator || ':' || action || ':' || outcome from operator_actions"
                + " where action = 'BREAK_GLASS_UNLOCK' order by seq");
        assertThat(log).containsSubsequence("security-officer:BREAK_GLASS_UNLOCK:DENIED",
                "security-officer:BREAK_GLASS_UNLOCK:OK");
    }
}
