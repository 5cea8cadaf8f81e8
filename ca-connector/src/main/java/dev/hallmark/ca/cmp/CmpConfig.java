package dev.hallmark.ca.cmp;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Configuration of a {@link CmpIssuer}.
 *
 * @param server          the CMP endpoint, HTTP POST with content type {@code application/pkixcmp}
 * @param recipient       the CA's name as an X.500 DN (the header's recipient); empty for NULL-DN
 * @param requestType     ir, cr or p10cr
 * @param popMethod       proof of possession for ir and cr; ignored for p10cr
 * @param protection      shared secret (PBM) or the station's CMP signing key
 * @param connectTimeout  how long to wait for the TCP connection; past it the CA counts as unavailable
 * @param responseTimeout how long to wait for each reply once a request was sent
 * @param maxPolls        how many pollReq to send at most while the CA answers "waiting"
 * @param pollingBudget   the longest total time to keep polling; a checkAfter beyond it ends the wait
 * @param caChain         the CA chain returned by {@link CmpIssuer#caChain()}: issuing CA first, root (the
 *                        engine's trust anchor) last
 */
public record CmpConfig(URI server, String recipient, RequestType requestType, PopMethod popMethod,
                        CmpProtection protection, Duration connectTimeout, Duration responseTimeout, int maxPolls,
                        Duration pollingBudget, List<X509Certificate> caChain) {

    public CmpConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(popMethod, "popMethod");
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(pollingBudget, "pollingBudget");
        caChain = List.copyOf(caChain);
        if (!"http".equalsIgnoreCase(server.getScheme()) && !"https".equalsIgnoreCase(server.getScheme())) {
            throw new IllegalArgumentException("the CMP server must be an http or https URI: " + server);
        }
        if (!recipient.isEmpty()) {
            new X500Name(recipient);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()
                || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("CMP timeouts must be positive");
        }
        if (maxPolls < 0 || pollingBudget.isNegative()) {
            throw new IllegalArgumentException("CMP polling limits must not be negative");
        }
        if (caChain.isEmpty()) {
            throw new IllegalArgumentException("the CMP issuer needs the CA chain (issuing CA first, root last)");
        }
    }

    /** A configuration with the defaults: device-key POP, 5 s to connect, 30 s per reply, 10 polls within 5 min. */
    public static CmpConfig of(URI server, String recipient, RequestType requestType, CmpProtection protection,
                               List<X509Certificate> caChain) {
        return new CmpConfig(server, recipient, requestType, PopMethod.DEVICE_SIGNATURE, protection,
                Duration.ofSeconds(5), Duration.ofSeconds(30), 10, Duration.ofMinutes(5), caChain);
    }

    /** This configuration with another request type and proof-of-possession method. */
    public CmpConfig withRequest(RequestType type, PopMethod pop) {
        return new CmpConfig(server, recipient, type, pop, protection, connectTimeout, responseTimeout, maxPolls,
                pollingBudget, caChain);
    }

    /** This configuration with other timeouts and polling limits. */
    public CmpConfig withTiming(Duration connect, Duration response, int polls, Duration budget) {
        return new CmpConfig(server, recipient, requestType, popMethod, protection, connect, response, polls, budget,
                caChain);
    }
}
