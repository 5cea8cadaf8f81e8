package dev.hallmark.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.ca.cfssl.CfsslConfig;
import dev.hallmark.ca.cfssl.CfsslIssuer;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code cfssl serve} on 127.0.0.1 made by the cfssl command line in {@code workspace/cfssl}: a root, an
 * intermediate signed by it (the issuing CA cfssl serves), and a serving policy whose {@code device} profile
 * (digital signature + client auth) and default profile are both HMAC-protected with a random key. The station
 * reaches it through {@link CfsslIssuer} on {@code /api/v1/cfssl/authsign}.
 */
final class CfsslSetup {

    static final String PROFILE = "device";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CA_CONFIG = """
            {"signing": {"default": {"usages": ["signing"], "expiry": "1h"},
              "profiles": {"intermediate": {"usages": ["cert sign", "crl sign"], "expiry": "87600h",
                "ca_constraint": {"is_ca": true, "max_path_len": 0, "max_path_len_zero": true}}}}}
            """;
    private static final String SERVE_CONFIG = """
            {"signing": {
              "default": {"usages": ["signing", "key encipherment", "server auth"], "expiry": "2h", "auth_key": "station"},
              "profiles": {
                "device": {"usages": ["digital signature", "client auth"], "expiry": "8760h", "auth_key": "station"}}},
             "auth_keys": {"station": {"type": "standard", "key": "%s"}}}
            """;

    private CfsslSetup() {
    }

    /** Makes the CA, starts cfssl serve and waits until it has issued a first certificate. */
    static IssuerUnderTest open(Path workspace, SecureRandom random, AtomicInteger serials)
            throws ProvisioningException, InterruptedException {
        Path dir = workspace.resolve("cfssl");
        byte[] key = new byte[32];
        random.nextBytes(key);
        String keyHex = HexFormat.of().formatHex(key);
        createCa(dir, keyHex);
        SecretFile.writeChars(workspace.resolve("secrets").resolve("cfssl-hmac-key"), keyHex.toCharArray());
        int port = ServerProcess.freeLoopbackPort();
        ServerProcess server = ServerProcess.start("cfssl-serve", dir, List.of("cfssl", "serve", "-address",
                "127.0.0.1", "-port", String.valueOf(port), "-ca", "int.pem", "-ca-key", "int-key.pem",
                "-config", "serve-config.json"));
        try {
            CfsslIssuer issuer = CfsslIssuer.open(new CfsslConfig(URI.create("http://127.0.0.1:" + port), PROFILE,
                    workspace.resolve("secrets").resolve("cfssl-hmac-key"), null, Duration.ofSeconds(2),
                    Duration.ofSeconds(10), dir.resolve("chain.pem")), Clock.systemUTC());
            UnitRequests requests = UnitRequests.freshKeys(DemoProfile.STM32F4, random, serials);
            IssuerUnderTest.awaitFirstIssue(IssuerKind.CFSSL, issuer, requests, server);
            return new IssuerUnderTest(IssuerKind.CFSSL, issuer, requests, List.of(server::close));
        } catch (ProvisioningException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void createCa(Path dir, String keyHex) throws ProvisioningException, InterruptedException {
        write(dir, "ca-config.json", CA_CONFIG);
        write(dir, "root-csr.json", "{\"CN\": \"Hallmark Bench cfssl Root\", \"key\": {\"algo\": \"ecdsa\", "
                + "\"size\": 256}, \"names\": [{\"O\": \"Hallmark Bench\"}]}");
        write(dir, "int-csr.json", "{\"CN\": \"Hallmark Bench cfssl Issuing\", \"key\": {\"algo\": \"ecdsa\", "
                + "\"size\": 256}, \"names\": [{\"O\": \"Hallmark Bench\"}]}");
        JsonNode root = cfssl(dir, "gencert", "-initca", "root-csr.json");
        write(dir, "root.pem", pem(root, "cert"));
        write(dir, "root-key.pem", pem(root, "key"));
        JsonNode intermediate = cfssl(dir, "genkey", "int-csr.json");
        write(dir, "int-key.pem", pem(intermediate, "key"));
        write(dir, "int.csr", pem(intermediate, "csr"));
        JsonNode signed = cfssl(dir, "sign", "-ca", "root.pem", "-ca-key", "root-key.pem", "-config",
                "ca-config.json", "-profile", "intermediate", "int.csr");
        write(dir, "int.pem", pem(signed, "cert"));
        write(dir, "chain.pem", pem(signed, "cert") + pem(root, "cert"));
        write(dir, "serve-config.json", SERVE_CONFIG.formatted(keyHex));
    }

    private static JsonNode cfssl(Path dir, String... args) throws ProvisioningException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfssl"));
        command.addAll(List.of(args));
        String out = ServerProcess.run(dir, command);
        try {
            return JSON.readTree(out);
        } catch (JsonProcessingException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "cfssl " + args[0] + " printed no JSON",
                    e.getOriginalMessage(), e);
        }
    }

    private static String pem(JsonNode node, String field) throws ProvisioningException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "cfssl's answer has no '" + field + "'");
        }
        String pem = value.asText();
        return pem.endsWith("\n") ? pem : pem + "\n";
    }

    private static void write(Path dir, String name, String content) throws ProvisioningException {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the benchmark could not write "
                    + dir.resolve(name), e.getMessage(), e);
        }
    }
}
