package dev.hallmark.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A station whose station.yaml names a real cfssl server (started here on 127.0.0.1): the request reaches
 * cfssl and a certificate comes back, but Debian's cfssl (2016) drops the URI SAN that binds the identity to
 * the hardware UID, so the engine rejects it and records nothing as issued — the trap issue #5 warns of.
 */
class CfsslStationIT {

    private Process cfssl;

    @AfterEach
    void stopCfssl() throws InterruptedException {
        if (cfssl != null) {
            cfssl.destroy();
            cfssl.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCfsslStationReachesTheCaAndTheEngineRefusesACertificateWithoutTheUidSan() throws Exception {
        Path dir = HallmarkProcess.freshDir("cfssl-station");
        Path ca = Files.createDirectories(dir.resolve("cfssl"));
        run(ca, "sh", "-c", "echo '{\"CN\":\"Plant Test CA\",\"key\":{\"algo\":\"ecdsa\",\"size\":256}}'"
                + " | cfssl gencert -initca - | cfssljson -bare root");
        String hmac = "0123456789abcdef0123456789abcdef";
        Files.writeString(ca.resolve("config.json"), """
                {"signing": {"default": {"expiry": "2h", "usages": ["digital signature", "server auth"]},
                 "profiles": {"device": {"expiry": "87600h", "usages": ["digital signature", "client auth"],
                                         "auth_key": "station"}}},
                 "auth_keys": {"station": {"type": "standard", "key": "%s"}}}
                """.formatted(hmac));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        cfssl = new ProcessBuilder("cfssl", "serve", "-address", "127.0.0.1", "-port", Integer.toString(port), "-ca",
                "root.pem", "-ca-key", "root-key.pem", "-config", "config.json").directory(ca.toFile())
                .redirectErrorStream(true).redirectOutput(ca.resolve("cfssl.log").toFile()).start();
        awaitAuthsign(port);
        Path key = Files.writeString(dir.resolve("secrets-cfssl-key"), hmac);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("station.yaml"), """
                ca:
                  type: cfssl
                  url: http://127.0.0.1:%d
                  profile: device
                  auth_key_file: secrets-cfssl-key
                  chain: cfssl/root.pem
                """.formatted(port));

        HallmarkProcess.Result demo = HallmarkProcess.run(dir, "demo", "--count", "1", "--headless", "--data-dir",
                dir.toString());

        assertThat(demo.exit()).as(demo.toString()).isEqualTo(1);
        assertThat(demo.lines()).filteredOn(l -> l.startsWith("FAIL ")).singleElement().asString()
                .contains("step=ISSUE", "HM-403 CA:", "lacks the URI SAN urn:hallmark:uid:stm32f4:",
                        "must be revoked at the CA");
        List<JsonNode> units = DemoCommandIT.export(dir);
        assertThat(units).singleElement().satisfies(u -> {
            assertThat(u.get("result").asText()).isEqualTo("FAILED");
            assertThat(u.get("failed_step").asText()).isEqualTo("ISSUE");
            assertThat(u.get("certificate").isNull()).as("nothing recorded as issued").isTrue();
        });
        assertThat(Files.readString(ca.resolve("cfssl.log"))).contains("signature request received");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static void awaitAuthsign(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                        + "/api/v1/cfssl/authsign").toURL().openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.getOutputStream().write("{}".getBytes());
                if (c.getResponseCode() != 404) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("cfssl serve did not come up on port " + port);
    }
}
