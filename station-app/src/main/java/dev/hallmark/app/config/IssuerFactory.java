package dev.hallmark.app.config;

import dev.hallmark.ca.cfssl.CfsslConfig;
import dev.hallmark.ca.cfssl.CfsslIssuer;
import dev.hallmark.ca.cmp.CmpConfig;
import dev.hallmark.ca.cmp.CmpIssuer;
import dev.hallmark.ca.cmp.CmpProtection;
import dev.hallmark.ca.cmp.DevicePopSigner;
import dev.hallmark.ca.cmp.RequestType;
import dev.hallmark.ca.embedded.EmbeddedCa;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.DeviceKeyStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Makes the station's certificate issuer from the {@code ca:} section of station.yaml. */
public final class IssuerFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Clock clock;
    private final SecureRandom random;

    public IssuerFactory(Path dataDir, Clock clock, SecureRandom random) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.random = random;
    }

    /** The issuer the section names; the embedded CA is created in {@code caDir} on first use. */
    public CertificateIssuer open(StationConfig.CaSection ca, DeviceKeyStore stationKeys, Path caDir,
                                  Consumer<String> say) throws ProvisioningException {
        String type = ca.type() == null ? "embedded" : ca.type().toLowerCase(Locale.ROOT);
        try {
            return switch (type) {
                case "embedded" -> embedded(stationKeys, caDir, say);
                case "cfssl" -> CfsslIssuer.open(new CfsslConfig(url(ca), required(ca.profile(), "profile"),
                        path(ca.authKeyFile()), path(ca.pinnedCa()), CONNECT_TIMEOUT, REQUEST_TIMEOUT,
                        requiredPath(ca.chain(), "chain")), clock);
                case "cmp" -> CmpIssuer.create(CmpConfig.of(url(ca), ca.recipient() == null ? "" : ca.recipient(),
                        requestType(ca.requestType()), new CmpProtection.Mac(requiredPath(ca.secretFile(), "secret_file"),
                                required(ca.reference(), "reference")), chain(requiredPath(ca.chain(), "chain"))),
                        new DevicePopSigner(), clock, random);
                default -> throw invalid("ca.type is not one of embedded, cfssl, cmp"
                        + " (the value is not shown: a misplaced value may be a secret)");
            };
        } catch (IllegalArgumentException e) {
            throw invalid("the ca section is not usable: " + e.getMessage());
        }
    }

    private CertificateIssuer embedded(DeviceKeyStore keys, Path caDir, Consumer<String> say)
            throws ProvisioningException {
        if (EmbeddedCa.exists(caDir)) {
            return EmbeddedCa.open(keys, caDir, clock, random);
        }
        EmbeddedCa ca = EmbeddedCa.initialize(keys, caDir, "Hallmark Station", clock, random);
        say.accept("created embedded CA (root + issuing CA, keys generated in the station token); chain in "
                + caDir.resolve("chain.pem"));
        return ca;
    }

    private static URI url(StationConfig.CaSection ca) throws ProvisioningException {
        return URI.create(required(ca.url(), "url"));
    }

    private static RequestType requestType(String name) throws ProvisioningException {
        try {
            return name == null ? RequestType.P10CR : RequestType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("ca.request_type is not one of ir, cr, p10cr (the value is not shown)");
        }
    }

    private List<X509Certificate> chain(Path file) throws ProvisioningException {
        try {
            List<X509Certificate> chain = Pem.parseCertificates(Files.readAllBytes(file));
            if (chain.isEmpty()) {
                throw invalid("the CA chain file " + file + " holds no certificate");
            }
            return chain;
        } catch (IOException | CertificateException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the CA chain file " + file + " cannot be read",
                    e.getMessage(), e);
        }
    }

    private Path path(Path configured) {
        return configured == null ? null : dataDir.resolve(configured);
    }

    private Path requiredPath(Path configured, String name) throws ProvisioningException {
        return path(required(configured, name));
    }

    private static <T> T required(T value, String name) throws ProvisioningException {
        if (value == null) {
            throw invalid("ca." + name + " is required for this CA type in " + StationConfig.FILE);
        }
        return value;
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, message);
    }
}
