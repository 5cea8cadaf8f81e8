package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device certificates from a CloudFlare cfssl server's remote signing API: {@code /api/v1/cfssl/authsign}
 * with an HMAC key (or {@code /sign} without one), over TLS with a pinned CA where configured. A failure
 * before the request could reach cfssl is CA_UNAVAILABLE (safe to retry); a request sent without an answer
 * in time is CA_NO_ANSWER (cfssl may have issued). Immutable and safe to share between fixtures.
 */
public final class CfsslIssuer implements CertificateIssuer {

    private static final Logger log = LoggerFactory.getLogger(CfsslIssuer.class);
    /** Past the request timeout, how long to wait for the HTTP client to report it before giving up ourselves. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private final CfsslConfig config;
    private final HmacKey key;
    private final List<X509Certificate> chain;
    private final HttpClient http;
    private final Clock clock;
    private final URI endpoint;

    private CfsslIssuer(CfsslConfig config, HmacKey key, List<X509Certificate> chain, HttpClient http, Clock clock) {
        this.config = config;
        this.key = key;
        this.chain = chain;
        this.http = http;
        this.clock = clock;
        this.endpoint = config.signEndpoint();
    }

    /** Checks the configuration, reads the HMAC key, the CA chain and the pinned TLS CA; contacts nothing yet. */
    public static CfsslIssuer open(CfsslConfig config, Clock clock) throws ProvisioningException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        config.check();
        HmacKey key = config.authenticated() ? HmacKey.read(config.hmacKeyFile()) : null;
        List<X509Certificate> chain = CaChainFile.readChain(config.caChainFile());
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout());
        if (config.pinnedCaFile() != null) {
            client.sslContext(PinnedTrust.sslContext(config.pinnedCaFile()));
        }
        if (!config.authenticated()) {
            log.warn("cfssl CA at {}: no HMAC key configured, requests go unauthenticated to /api/v1/cfssl/sign",
                    config.baseUrl());
        }
        log.info("cfssl CA at {}: profile '{}', {}, issuing CA {} (sha256 {}), root sha256 {}", config.baseUrl(),
                config.profile(), config.authenticated() ? "HMAC-authenticated" : "unauthenticated",
                chain.get(0).getSubjectX500Principal(), Pem.sha256(chain.get(0)), Pem.sha256(chain.get(chain.size() - 1)));
        return new CfsslIssuer(config, key, chain, client.build(), clock);
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        Objects.requireNonNull(request, "request");
        byte[] signRequest = CfsslRequests.signRequest(request, config.profile());
        byte[] body = key == null ? signRequest : CfsslRequests.authenticated(signRequest, key);
        Instant started = clock.instant();
        HttpResponse<byte[]> response = exchange(HttpRequest.newBuilder(endpoint)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        X509Certificate leaf = CfsslReply.certificate(response.statusCode(), response.body(), config.baseUrl(),
                config.profile());
        log.info("cfssl CA at {} issued certificate {} to unit {} in {} ms, valid until {}", config.baseUrl(),
                leaf.getSerialNumber().toString(16), request.serial(),
                Duration.between(started, clock.instant()).toMillis(), leaf.getNotAfter().toInstant());
        return new IssuedCertificate(leaf, chain);
    }

    @Override
    public List<X509Certificate> caChain() {
        return chain;
    }

    @Override
    public String toString() {
        return "CfsslIssuer[" + config.baseUrl() + ", profile " + config.profile() + "]";
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws ProvisioningException {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(config.requestTimeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw noAnswer("TimeoutException", e);
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "the request to the cfssl CA at " + config.baseUrl()
                    + " was interrupted; the CA may have issued a certificate", null, e);
        }
    }

    /** Sorts a transport failure by whether the request can have reached cfssl. */
    private ProvisioningException transportFailure(Throwable failure) {
        String raw = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "the cfssl CA at " + config.baseUrl()
                        + " did not accept a connection within " + seconds(config.connectTimeout()), raw, failure);
            }
            if (t instanceof HttpTimeoutException) {
                return noAnswer(raw, failure);
            }
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
                return new ProvisioningException(ErrorCode.CA_UNAVAILABLE,
                        "the cfssl CA at " + config.baseUrl() + " could not be reached", raw, failure);
            }
            if (t instanceof SSLHandshakeException) {
                return new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED, "the cfssl CA at " + config.baseUrl()
                        + " did not complete a TLS handshake with a certificate the station trusts", raw, failure);
            }
        }
        if (failure instanceof IOException) {
            return new ProvisioningException(ErrorCode.CA_NO_ANSWER, "the connection to the cfssl CA at "
                    + config.baseUrl() + " broke before it answered; it may have issued a certificate", raw, failure);
        }
        return new ProvisioningException(ErrorCode.INTERNAL,
                "the request to the cfssl CA at " + config.baseUrl() + " failed unexpectedly", raw, failure);
    }

    private ProvisioningException noAnswer(String raw, Throwable cause) {
        return new ProvisioningException(ErrorCode.CA_NO_ANSWER, "the cfssl CA at " + config.baseUrl()
                + " took the request but did not answer within " + seconds(config.requestTimeout()), raw, cause);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
