package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CA commands as an operator runs them: init, chain, revoke a scrapped unit, and a CRL openssl believes. */
class CaCommandIT {

    @Test
    void aRevokedUnitIsOnTheCrlAndOpensslRefusesItsCertificate() throws Exception {
        Path dir = HallmarkProcess.freshDir("ca-commands");
        String dataDir = dir.toString();

        HallmarkProcess.Result init = HallmarkProcess.run(dir, "ca", "init", "--data-dir", dataDir);
        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(init.out()).contains("created embedded CA", "CA ready: CN=Hallmark Station Issuing CA");
        var admin = HallmarkProcess.signedIn(dir, "admin", HallmarkProcess.adminPassword(init));
        HallmarkProcess.Result demo = HallmarkProcess.run(dir, "demo", "--count", "2", "--headless", "--data-dir", dataDir);
        assertThat(demo.exit()).as(demo.toString()).isZero();
        List<String> pems = DemoCommandIT.splitPem(HallmarkProcess.run(dir, "ca", "chain", "--data-dir", dataDir).out());
        Path issuing = Files.writeString(dir.resolve("issuing-check.pem"), pems.get(0));
        Path root = Files.writeString(dir.resolve("root-check.pem"), pems.get(1));
        Path revoked = dir.resolve("revoked.pem");
        Path kept = dir.resolve("kept.pem");
        exportCertificate(dir, "HM-F4-000001", revoked);
        exportCertificate(dir, "HM-F4-000002", kept);

        // the CA key rule is station-wide and on by default (ReworkCommandIT tests it); this test is about the CRL
        Files.writeString(dir.resolve("station.yaml"), "ca:\n  two_person_rule: false\n");
        HallmarkProcess.Result refused = HallmarkProcess.run(dir, "ca", "revoke", "--unit", "HM-F4-000001",
                "--data-dir", dataDir);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("HM-700", "station (auditor,operator) may not ca key operation");
        HallmarkProcess.Result revoke = HallmarkProcess.run(dir, admin, "ca", "revoke", "--unit", "HM-F4-000001",
                "--reason", "key_compromise", "--data-dir", dataDir, "--operator", "admin");
        assertThat(revoke.exit()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).contains("revoked HM-F4-000001", "(key_compromise)", "CRL written to");
        HallmarkProcess.Result crl = HallmarkProcess.run(dir, admin, "ca", "crl", "--data-dir", dataDir,
                "--operator", "admin");
        assertThat(crl.exit()).as(crl.toString()).isZero();
        Path crlFile = Files.writeString(dir.resolve("crl.pem"), crl.out());

        assertThat(verifyWithCrl(root, issuing, crlFile, revoked)).contains("certificate revoked").doesNotStartWith("exit 0");
        assertThat(verifyWithCrl(root, issuing, crlFile, kept)).startsWith("exit 0").endsWith(": OK");
    }

    @Test
    void revokingAnUnknownUnitIsOneLineAndExitTwo() throws Exception {
        Path dir = HallmarkProcess.freshDir("ca-unknown");

        HallmarkProcess.Result init = HallmarkProcess.run(dir, "ca", "init", "--data-dir", dir.toString());
        Files.writeString(dir.resolve("station.yaml"), "ca:\n  two_person_rule: false\n");
        HallmarkProcess.Result r = HallmarkProcess.run(dir, HallmarkProcess.signedIn(dir, "admin",
                HallmarkProcess.adminPassword(init)), "ca", "revoke", "--unit", "NO-SUCH-UNIT", "--data-dir",
                dir.toString(), "--operator", "admin");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("hallmark: HM-100 ").contains("NO-SUCH-UNIT");
    }

    private static void exportCertificate(Path dir, String serial, Path to) throws Exception {
        for (var unit : DemoCommandIT.export(dir)) {
            if (unit.get("serial").asText().equals(serial)) {
                Files.writeString(to, unit.get("certificate").asText());
                return;
            }
        }
        throw new AssertionError("no unit " + serial);
    }

    private static String verifyWithCrl(Path root, Path issuing, Path crl, Path leaf) throws Exception {
        Process p = new ProcessBuilder("openssl", "verify", "-crl_check", "-CRLfile", crl.toString(), "-CAfile",
                root.toString(), "-untrusted", issuing.toString(), leaf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return "exit " + p.exitValue() + ": " + out;
    }
}
