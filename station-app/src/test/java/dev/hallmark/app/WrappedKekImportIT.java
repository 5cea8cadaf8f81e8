package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wrapped form of the ceremony with OpenSSL as the vendor: the station's key-import public key (born in the
 * token) is exported as PEM, OpenSSL wraps a fresh AES-256 KEK to it with RSA-OAEP (SHA-1, the only OAEP SoftHSM2
 * 2.6.1 unwraps) and computes its KCV with AES-256-ECB over a zero block; the station unwraps it inside the token and
 * shows the same KCV, and a wrong vendor KCV takes the KEK out again.
 */
class WrappedKekImportIT {

    @Test
    void aKekWrappedByOpensslIsUnwrappedInTheTokenWithOpensslsKcv() throws Exception {
        Path dir = HallmarkProcess.freshDir("kek-wrapped");
        HallmarkProcess.Result init = StationRuns.run(dir, Map.of(), List.of("ca", "init", "--data-dir", dir.toString()));
        assertThat(init.exit()).as(init.toString()).isZero();
        Map<String, String> admin = HallmarkProcess.signedIn(dir, "admin", HallmarkProcess.adminPassword(init));

        Path pem = dir.resolve("import.pem");
        HallmarkProcess.Result key = StationRuns.run(dir, admin, List.of("kek", "import-key", "--out", pem.toString(),
                "--data-dir", dir.toString(), "--operator", "admin"));
        assertThat(key.exit()).as(key.toString()).isZero();
        assertThat(key.out()).startsWith("-----BEGIN PUBLIC KEY-----");

        Path kek = dir.resolve("kek.bin");
        Path wrapped = dir.resolve("kek.wrapped");
        openssl("rand", "-out", kek.toString(), "32");
        openssl("pkeyutl", "-encrypt", "-pubin", "-inkey", pem.toString(), "-in", kek.toString(), "-out",
                wrapped.toString(), "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1",
                "-pkeyopt", "rsa_mgf1_md:sha1");
        Path zero = Files.write(dir.resolve("zero.bin"), new byte[16]);
        Path block = dir.resolve("kcv.bin");
        openssl("enc", "-aes-256-ecb", "-nopad", "-K", hex(Files.readAllBytes(kek)), "-in", zero.toString(),
                "-out", block.toString());
        String kcv = hex(Files.readAllBytes(block)).substring(0, 6).toUpperCase(Locale.ROOT);

        HallmarkProcess.Result wrong = StationRuns.run(dir, admin, List.of("kek", "import", "--wrapped",
                wrapped.toString(), "--custodian", "vendor", "--vendor-kcv", "000000", "--data-dir", dir.toString(),
                "--operator", "admin"));
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.err()).contains("HM-232", "is not the vendor's 000000");

        HallmarkProcess.Result r = StationRuns.run(dir, admin, List.of("kek", "import", "--wrapped", wrapped.toString(),
                "--custodian", "vendor", "--vendor-kcv", kcv, "--data-dir", dir.toString(), "--operator", "admin"));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("unwrapped inside HSM token 'hallmark': KCV " + kcv + " (AES-ECB zero block)",
                "KCV matches the vendor's (AES-ECB zero block)");
        HallmarkProcess.Result list = StationRuns.run(dir, Map.of(), List.of("kek", "list", "--data-dir",
                dir.toString()));
        assertThat(list.out()).contains("hallmark-transport-kek  production  KCV " + kcv, "by vendor",
                "wrapped import (RSA-OAEP SHA-1");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
