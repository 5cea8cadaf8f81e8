package dev.hallmark.ca.cfssl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real {@code cfssl serve} on 127.0.0.1 for integration tests, with a CA made by the cfssl command line:
 * a root, an intermediate signed by it (the issuing CA cfssl serves), and a serving policy in which every
 * profile is HMAC-protected: {@code device} (digital signature + client auth, 8760 h) and a default
 * (server auth, 2 h) that catches unknown profile names. Closing it kills the process.
 */
final class CfsslServer implements AutoCloseable {

    /** The auth key of the serving policy, hex as in cfssl's config. */
    static final String KEY_HEX = "8f2b6c0e41d7a9355be0c1f4a6d3e2907c8b5a41f0e9d2c3b4a5968778695a4b";
    static final String PROFILE = "device";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CA_CONFIG = """
            {"signing": {"default": {"usages": ["signing"], "expiry": "1h"},
              "profiles": {
                "intermediate": {"usages": ["cert sign", "crl sign"], "expiry": "87600h",
                  "ca_constraint": {"is_ca": true, "max_path_len": 0, "max_path_len_zero": true}},
                "tls-server": {"usages": ["digital signature", "key encipherment", "server auth"], "expiry": "24h"}}}}
            """;
    private static final String SERVE_CONFIG = """
            {"signing": {
              "default": {"usages": ["signing", "key encipherment", "server auth"], "expiry": "2h", "auth_key": "station"},
              "profiles": {
                "device": {"usages": ["digital signature", "client auth"], "expiry": "8760h", "auth_key": "station"}}},
             "auth_keys": {"station": {"type": "standard", "key": "%s"}}}
            """.formatted(KEY_HEX);

    private final Path dir;
    private final URI baseUrl;
    private final Process process;
    private final Thread killer;

    private CfsslServer(Path dir, URI baseUrl, Process process, Thread killer) {
        this.dir = dir;
        this.baseUrl = baseUrl;
        this.process = process;
        this.killer = killer;
    }

    /** Makes root, intermediate and a TLS server certificate for 127.0.0.1 in {@code dir}. */
    static void createCa(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("ca-config.json"), CA_CONFIG);
        Files.writeString(dir.resolve("root-csr.json"),
                "{\"CN\": \"Hallmark Test Root\", \"key\": {\"algo\": \"ecdsa\", \"size\": 256}, \"names\": [{\"O\": \"Hallmark Test\"}]}");
        Files.writeString(dir.resolve("int-csr.json"),
                "{\"CN\": \"Hallmark Test Issuing\", \"key\": {\"algo\": \"ecdsa\", \"size\": 256}, \"names\": [{\"O\": \"Hallmark Test\"}]}");
        Files.writeString(dir.resolve("tls-csr.json"),
                "{\"CN\": \"127.0.0.1\", \"hosts\": [\"127.0.0.1\"], \"key\": {\"algo\": \"ecdsa\", \"size\": 256}}");
        JsonNode root = cfssl(dir, "gencert", "-initca", "root-csr.json");
        write(dir, "root.pem", root.get("cert").asText());
        write(dir, "root-key.pem", root.get("key").asText());
        JsonNode intermediate = cfssl(dir, "genkey", "int-csr.json");
        write(dir, "int-key.pem", intermediate.get("key").asText());
        write(dir, "int.csr", intermediate.get("csr").asText());
        JsonNode signed = cfssl(dir, "sign", "-ca", "root.pem", "-ca-key", "root-key.pem", "-config", "ca-config.json",
                "-profile", "intermediate", "int.csr");
        write(dir, "int.pem", signed.get("cert").asText());
        Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("int.pem")) + Files.readString(dir.resolve("root.pem")));
        JsonNode tls = cfssl(dir, "gencert", "-ca", "root.pem", "-ca-key", "root-key.pem", "-config", "ca-config.json",
                "-profile", "tls-server", "tls-csr.json");
        write(dir, "tls.pem", tls.get("cert").asText());
        write(dir, "tls-key.pem", tls.get("key").asText());
        Files.writeString(dir.resolve("serve-config.json"), SERVE_CONFIG);
        Path key = Files.writeString(dir.resolve("station.key"), KEY_HEX + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    /** Starts {@code cfssl serve} over the CA in {@code dir}, plain or with TLS, and waits until /authsign answers. */
    static CfsslServer start(Path dir, boolean tls) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("cfssl", "serve", "-address", "127.0.0.1", "-port",
                String.valueOf(port), "-ca", "int.pem", "-ca-key", "int-key.pem", "-config", "serve-config.json"));
        if (tls) {
            command.addAll(List.of("-tls-cert", "tls.pem", "-tls-key", "tls-key.pem"));
        }
        Path log = dir.resolve("serve-" + port + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Thread killer = new Thread(process::destroyForcibly, "kill-cfssl-" + port);
        Runtime.getRuntime().addShutdownHook(killer);
        CfsslServer server = new CfsslServer(dir, URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port), process, killer);
        try {
            server.awaitReady(log, tls);
            return server;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** The issuer's configuration for this server: the device profile, the station key, the chain. */
    CfsslConfig config() {
        return config(PROFILE, file("station.key"));
    }

    CfsslConfig config(String profile, Path keyFile) {
        return new CfsslConfig(baseUrl, profile, keyFile, baseUrl.getScheme().equals("https") ? file("root.pem") : null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), file("chain.pem"));
    }

    /** Stops the server: SIGTERM, then SIGKILL if it lingers. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public void close() {
        stop();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Ready once /authsign answers anything but 404: its handler exists only when the CA key loaded. (/sign is
     * no readiness probe here: with every profile HMAC-protected, cfssl never sets it up and it stays 404.)
     */
    private void awaitReady(Path log, boolean tls) throws IOException, InterruptedException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (tls) {
            builder.sslContext(sslContextFor(file("root.pem")));
        }
        HttpClient client = builder.build();
        HttpRequest probe = HttpRequest.newBuilder(baseUrl.resolve("/api/v1/cfssl/authsign"))
                .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("cfssl serve exited " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() != 404) {
                    return;
                }
            } catch (ConnectException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("cfssl serve's /authsign did not come up within 10 s: " + Files.readString(log));
    }

    static SSLContext sslContextFor(Path pem) {
        try {
            return PinnedTrust.sslContext(pem);
        } catch (dev.hallmark.engine.api.ProvisioningException e) {
            throw new IllegalStateException(e.oneLine(), e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode cfssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfssl"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "cfssl", ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(err));
        }
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }

    private static void write(Path dir, String name, String pem) throws IOException {
        Files.writeString(dir.resolve(name), pem.endsWith("\n") ? pem : pem + "\n");
    }
}
