package dev.hallmark.ca.cmp;

import dev.hallmark.engine.crypto.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenSSL 3's CMP mock server and the test's Java client, both inside a private network namespace
 * ({@code unshare -n}, loopback up): the mock binds all interfaces, and in the namespace those are only
 * loopback. The test PKI (root, intermediate, a leaf pre-issued for the device key the mock returns as its fixed
 * answer) is written to {@code dir}. Every process a run starts is killed when it ends.
 */
final class OpensslCmpMock {

    static final int PORT = 8080;
    static final String SECRET = "test-shared-secret";
    static final String SERIAL = "HM-000001";
    private static final long RUN_TIMEOUT_SECONDS = 40;

    private final Path dir;
    private final AtomicInteger runs = new AtomicInteger();
    final X509Certificate root;
    final X509Certificate intermediate;
    final X509Certificate leaf;

    private OpensslCmpMock(Path dir, X509Certificate root, X509Certificate intermediate, X509Certificate leaf) {
        this.dir = dir;
        this.root = root;
        this.intermediate = intermediate;
        this.leaf = leaf;
    }

    static OpensslCmpMock create(Path dir) throws Exception {
        KeyPair rootKey = TestPki.ecKey();
        KeyPair intKey = TestPki.ecKey();
        KeyPair device = TestPki.ecKey();
        KeyPair station = TestPki.ecKey();
        KeyPair server = TestPki.ecKey();
        X509Certificate root = TestPki.root(rootKey, "Hallmark Test Root");
        X509Certificate intermediate = TestPki.intermediate(intKey, "Hallmark Test Issuing CA", root, rootKey);
        X509Certificate leaf = TestPki.deviceLeaf(device, SERIAL, intermediate, intKey);
        Files.writeString(dir.resolve("root.pem"), Pem.certificate(root));
        Files.writeString(dir.resolve("int.pem"), Pem.certificate(intermediate));
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf));
        TestPki.writePrivateKey(dir.resolve("device.key"), device.getPrivate());
        Files.write(dir.resolve("device-csr.der"), TestPki.csr(device, SERIAL));
        TestPki.writePrivateKey(dir.resolve("station.key"), station.getPrivate());
        Files.writeString(dir.resolve("station.pem"), Pem.certificate(
                TestPki.protectionCert(station, "Hallmark Station", root, rootKey)));
        TestPki.writePrivateKey(dir.resolve("server.key"), server.getPrivate());
        Files.writeString(dir.resolve("server.pem"), Pem.certificate(
                TestPki.protectionCert(server, "mock", root, rootKey)));
        secretFile(dir.resolve("secret"), SECRET);
        secretFile(dir.resolve("wrong-secret"), "not-the-secret");
        return new OpensslCmpMock(dir, root, intermediate, leaf);
    }

    /** Fails, saying why, where this machine does not let the test make a network namespace. */
    static void requireNetworkNamespaces() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("unshare", "-n", "ip", "link", "set", "lo", "up")
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!probe.waitFor(10, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            probe.destroyForcibly();
            throw new IllegalStateException("'unshare -n' is not permitted here, and the OpenSSL mock binds all "
                    + "interfaces, so it is not started: " + out.strip());
        }
    }

    /** The mock's usual options with PBM protection: fixed leaf, root as caPubs, intermediate as extraCerts. */
    static String macServer(String extra) {
        return "-srv_ref mock -srv_secret pass:" + SECRET + " -rsp_cert leaf.pem -rsp_capubs root.pem "
                + "-rsp_extracerts int.pem " + extra;
    }

    /** The mock with signature protection: it signs with server.key and trusts clients chaining to root.pem. */
    static String signatureServer(String extra) {
        return "-srv_cert server.pem -srv_key server.key -srv_trusted root.pem -rsp_cert leaf.pem "
                + "-rsp_capubs root.pem -rsp_extracerts int.pem " + extra;
    }

    /**
     * Starts the mock with {@code serverOptions} (none when null) and the Java client with {@code clientArgs}
     * in one fresh network namespace, and returns what the client printed.
     */
    Result run(String serverOptions, String... clientArgs) throws IOException, InterruptedException {
        int n = runs.incrementAndGet();
        Path serverLog = dir.resolve("server-" + n + ".log");
        Path clientErr = dir.resolve("client-" + n + ".err");
        Path logConfig = dir.resolve("logback-client.xml");
        if (!Files.exists(logConfig)) {
            Files.writeString(logConfig, "<configuration><appender name=\"E\" "
                    + "class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target><encoder><pattern>"
                    + "%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n</pattern></encoder></appender><logger "
                    + "name=\"dev.hallmark\" level=\"DEBUG\"/><root level=\"WARN\"><appender-ref ref=\"E\"/></root>"
                    + "</configuration>");
        }
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=" + logConfig));
        boolean benchmark = List.of(clientArgs).stream().anyMatch(a -> a.startsWith("count="));
        if (!benchmark) {
            java.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        java.addAll(List.of(CmpClientMain.class.getName(), "server=http://127.0.0.1:" + PORT + "/pkix/", "dir=" + dir));
        java.addAll(List.of(clientArgs));
        StringBuilder script = new StringBuilder("ip link set lo up || exit 90\ncd " + quote(dir.toString()) + "\n");
        if (serverOptions != null) {
            script.append("openssl cmp -port ").append(PORT).append(' ').append(serverOptions)
                    .append(" >").append(quote(serverLog.toString())).append(" 2>&1 &\nSRV=$!\n")
                    .append("trap 'kill $SRV 2>/dev/null; wait $SRV 2>/dev/null' EXIT\n")
                    .append("for i in $(seq 250); do ss -ltnH 'sport = :").append(PORT)
                    .append("' | grep -q . && break; kill -0 $SRV 2>/dev/null || break; sleep 0.02; done\n")
                    .append("ss -ltnH 'sport = :").append(PORT).append("' | grep -q . || { echo 'RESULT NO-SERVER'; exit 91; }\n");
        }
        script.append(String.join(" ", java.stream().map(OpensslCmpMock::quote).toList()))
                .append(" 2>").append(quote(clientErr.toString())).append("\n");
        Process process = new ProcessBuilder("unshare", "-n", "bash", "-c", script.toString())
                .redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the namespaced run did not end in " + RUN_TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    read(serverLog), read(clientErr));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void secretFile(Path file, String secret) throws IOException {
        Files.writeString(file, secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** What one namespaced run printed: the client's result line and PEM, the server's and client's logs. */
    record Result(int exit, String stdout, String serverLog, String clientLog) {

        boolean issued() {
            return stdout.contains("RESULT ISSUED");
        }

        /** The error code id of a failed run, e.g. {@code HM-405}, or null. */
        String code() {
            int at = stdout.indexOf("RESULT FAILED ");
            return at < 0 ? null : stdout.substring(at + 14, stdout.indexOf('|', at));
        }

        /** The rest of the failure line: message and raw detail. */
        String failure() {
            int at = stdout.indexOf("RESULT FAILED ");
            return at < 0 ? "" : stdout.substring(at + 14).lines().findFirst().orElse("");
        }

        List<X509Certificate> certificates() throws java.security.cert.CertificateException {
            int at = stdout.indexOf("-----BEGIN CERTIFICATE-----");
            return at < 0 ? List.of() : Pem.parseCertificates(stdout.substring(at).getBytes(StandardCharsets.US_ASCII));
        }

        String rate() {
            return stdout.lines().filter(l -> l.startsWith("RATE ")).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- client stdout\n" + stdout + "--- client log\n" + clientLog
                    + "--- server log\n" + serverLog;
        }
    }
}
