package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.IssuedCertificate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java side of {@code CmpIssuerIT}: run inside the test's network namespace with the test classpath, it
 * performs one issue (or {@code count} sequential issues) against the OpenSSL mock server and prints the outcome:
 * {@code RESULT ISSUED} and the PEM of leaf and chain, or {@code RESULT FAILED HM-nnn|message|raw detail}.
 * Arguments are {@code key=value}: server, type (ir|cr|p10cr), pop (sig|ra), protection (mac|sig), dir (the
 * files the test wrote), secret (file), ref, polls, budget (s), response (ms), count.
 */
public final class CmpClientMain {

    private CmpClientMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path dir = Path.of(a.get("dir"));
        List<X509Certificate> chain = new ArrayList<>();
        chain.addAll(Pem.parseCertificates(Files.readAllBytes(dir.resolve("int.pem"))));
        chain.addAll(Pem.parseCertificates(Files.readAllBytes(dir.resolve("root.pem"))));
        CmpProtection protection;
        if ("sig".equals(a.getOrDefault("protection", "mac"))) {
            PrivateKey stationKey = TestPki.readPrivateKey(dir.resolve("station.key"));
            X509Certificate stationCert = Pem.parseCertificates(Files.readAllBytes(dir.resolve("station.pem"))).get(0);
            protection = new CmpProtection.Signature(new SoftwareCmpSigner(stationKey, stationCert, List.of()),
                    Pem.parseCertificates(Files.readAllBytes(dir.resolve("root.pem"))));
        } else {
            protection = new CmpProtection.Mac(Path.of(a.get("secret")), a.getOrDefault("ref", "mock"));
        }
        RequestType type = RequestType.valueOf(a.getOrDefault("type", "p10cr").toUpperCase(Locale.ROOT));
        PopMethod pop = "ra".equals(a.get("pop")) ? PopMethod.RA_VERIFIED : PopMethod.DEVICE_SIGNATURE;
        CmpConfig config = CmpConfig.of(URI.create(a.get("server")), "CN=mock", type, protection, chain)
                .withRequest(type, pop)
                .withTiming(Duration.ofSeconds(2), Duration.ofMillis(Long.parseLong(a.getOrDefault("response", "5000"))),
                        Integer.parseInt(a.getOrDefault("polls", "10")),
                        Duration.ofSeconds(Long.parseLong(a.getOrDefault("budget", "30"))));
        PrivateKey deviceKey = TestPki.readPrivateKey(dir.resolve("device.key"));
        byte[] csr = Files.readAllBytes(dir.resolve("device-csr.der"));
        String serial = a.getOrDefault("serial", "HM-000001");
        int count = Integer.parseInt(a.getOrDefault("count", "1"));
        try {
            CmpIssuer issuer = CmpIssuer.create(config, request -> TestPki.signer(deviceKey), Clock.systemUTC(),
                    new SecureRandom());
            IssuedCertificate issued = issuer.issue(TestPki.request(csr, serial));
            if (count > 1) {
                long start = System.nanoTime();
                for (int i = 1; i < count; i++) {
                    issuer.issue(TestPki.request(csr, serial));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "RATE %.1f certs/s (%d sequential %s in %.2f s)%n",
                        (count - 1) / seconds, count - 1, type.cmpName(), seconds);
            }
            System.out.println("RESULT ISSUED " + issued.chain().size());
            System.out.print(Pem.certificate(issued.leaf()));
            System.out.print(Pem.certificates(issued.chain()));
            System.out.flush();
            System.exit(0);
        } catch (ProvisioningException e) {
            System.out.println("RESULT FAILED " + e.code().id() + "|" + e.getMessage() + "|" + e.rawDetail());
            System.out.flush();
            System.exit(1);
        }
    }
}
