package dev.hallmark.bench;

import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.ca.cmp.CmpConfig;
import dev.hallmark.ca.cmp.CmpIssuer;
import dev.hallmark.ca.cmp.CmpProtection;
import dev.hallmark.ca.cmp.RequestType;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenSSL 3's CMP mock server ({@code openssl cmp -port}) in {@code workspace/cmp}, reached by {@link CmpIssuer}
 * with p10cr and MAC (PBM) protection under a random shared secret, read by both sides from a 0600 file. The
 * mock answers every request with one fixed certificate, so all requests carry the key that certificate was made
 * for; it still checks each request's protection and CSR signature, and each transaction ends with
 * certConf/pkiConf. The mock keeps one transaction at a time, so several threads need as many mocks (see
 * {@link IssuerPool}). The mock binds all interfaces: start it only inside a private network namespace.
 */
final class CmpMockSetup {

    static final String REFERENCE = "bench";

    private CmpMockSetup() {
    }

    /**
     * Makes the PKI, starts {@code mocks} mock servers (one per thread: each keeps a single transaction) and waits
     * until each has issued a first certificate.
     */
    static IssuerUnderTest open(Path workspace, int mocks, SecureRandom random, AtomicInteger serials)
            throws ProvisioningException, InterruptedException {
        Path dir = workspace.resolve("cmp");
        BenchPki pki = new BenchPki("Hallmark Bench CMP", random);
        KeyPair device = UnitRequests.ecKeyPair(random);
        byte[] uid = new byte[12];
        random.nextBytes(uid);
        write(dir, "root.pem", Pem.certificate(pki.root));
        write(dir, "int.pem", Pem.certificate(pki.issuing));
        write(dir, "leaf.pem", Pem.certificate(pki.deviceCertificate(device, DemoProfile.STM32F4.serialPrefix()
                + "CMP", DeviceUid.of(uid), DemoProfile.STM32F4)));
        UnitRequests requests = UnitRequests.forKey(device, DemoProfile.STM32F4, random, serials);
        Path secret = workspace.resolve("secrets").resolve("cmp-secret");
        char[] shared = SecretFile.randomPin(random, 24);
        try {
            SecretFile.writeChars(secret, shared);
        } finally {
            Arrays.fill(shared, '\0');
        }
        List<X509Certificate> chain = List.of(pki.issuing, pki.root);
        List<ServerProcess> servers = new ArrayList<>();
        try {
            List<CmpIssuer> issuers = new ArrayList<>();
            for (int i = 1; i <= mocks; i++) {
                int port = ServerProcess.freeLoopbackPort();
                ServerProcess server = ServerProcess.start("openssl-cmp-mock-" + i, dir, List.of("openssl", "cmp",
                        "-port", String.valueOf(port), "-srv_ref", REFERENCE, "-srv_secret", "file:" + secret,
                        "-rsp_cert", "leaf.pem", "-rsp_capubs", "root.pem", "-rsp_extracerts", "int.pem"));
                servers.add(server);
                CmpConfig config = CmpConfig.of(URI.create("http://127.0.0.1:" + port + "/pkix/"), "CN=" + REFERENCE,
                                RequestType.P10CR, new CmpProtection.Mac(secret, REFERENCE), chain)
                        .withTiming(Duration.ofSeconds(2), Duration.ofSeconds(10), 10, Duration.ofSeconds(30));
                CmpIssuer issuer = CmpIssuer.create(config, Clock.systemUTC(), random);
                IssuerUnderTest.awaitFirstIssue(IssuerKind.CMP, issuer, requests, server);
                issuers.add(issuer);
            }
            List<Runnable> teardown = servers.stream().<Runnable>map(s -> s::close).toList();
            return new IssuerUnderTest(IssuerKind.CMP, new IssuerPool(issuers), requests, teardown);
        } catch (ProvisioningException | InterruptedException | RuntimeException e) {
            servers.forEach(ServerProcess::close);
            throw e;
        }
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
