package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the station reaches a cfssl CA.
 *
 * @param baseUrl        the server, e.g. {@code https://ca.plant.example:8888}; the API paths are appended
 * @param profile        the cfssl signing profile; cfssl silently signs with its default profile when the
 *                       name is unknown, so the engine's checks are what catch a wrong name
 * @param hmacKeyFile    file holding the profile's {@code auth_key} in hex, rights 0600; null for the
 *                       unauthenticated {@code /api/v1/cfssl/sign}
 * @param pinnedCaFile   PEM certificates the CA's TLS certificate must chain to; null to use the JDK's
 *                       trust store; only with an https URL
 * @param connectTimeout how long to try to reach the CA; failing that, nothing was sent (safe to retry)
 * @param requestTimeout how long to wait for the whole answer once connected; failing that, the CA may
 *                       have issued a certificate (not safe to retry)
 * @param caChainFile    PEM file of the CA chain, issuing CA first and the root (trust anchor) last
 */
public record CfsslConfig(URI baseUrl, String profile, Path hmacKeyFile, Path pinnedCaFile, Duration connectTimeout,
                          Duration requestTimeout, Path caChainFile) {

    public CfsslConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(caChainFile, "caChainFile");
    }

    /** Refuses a configuration that cannot work, with one plain sentence. */
    void check() throws ProvisioningException {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw invalid("the cfssl URL must be http:// or https:// with a host, not " + baseUrl);
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw invalid("the cfssl URL " + baseUrl + " must not carry a query or fragment");
        }
        if (pinnedCaFile != null && !scheme.equals("https")) {
            throw invalid("a pinned CA file is set but the cfssl URL " + baseUrl + " is not https");
        }
        if (profile.isBlank()) {
            throw invalid("the cfssl signing profile must be named");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.compareTo(connectTimeout) < 0) {
            throw invalid("the cfssl connect timeout must be positive and the request timeout at least as long");
        }
    }

    /** Whether requests go to {@code /authsign} with an HMAC token. */
    public boolean authenticated() {
        return hmacKeyFile != null;
    }

    /** The full URL of the signing endpoint this configuration uses. */
    public URI signEndpoint() {
        String base = baseUrl.toString();
        String path = authenticated() ? "api/v1/cfssl/authsign" : "api/v1/cfssl/sign";
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(ErrorCode.CONFIG_INVALID, message);
    }
}
