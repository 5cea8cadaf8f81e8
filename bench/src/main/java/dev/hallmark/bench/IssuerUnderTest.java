package dev.hallmark.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuer set up for {@code bench ca}: the issuer, the requests it is measured with, and what stops the
 * parts behind it (a token session pool, a server process), last started first stopped.
 */
record IssuerUnderTest(IssuerKind kind, CertificateIssuer issuer, UnitRequests requests, List<Runnable> teardown)
        implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerUnderTest.class);
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);
    private static final long RETRY_MILLIS = 25;

    IssuerUnderTest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(requests, "requests");
        teardown = List.copyOf(teardown);
    }

    /**
     * Waits until {@code server} issues a first certificate (not counted): retries while the CA cannot be
     * reached, for at most 15 s and only while the process lives. cfssl's listening port is no readiness sign
     * (its signer may still be missing), and OpenSSL's mock is best not probed with a bare connection.
     */
    static void awaitFirstIssue(IssuerKind kind, CertificateIssuer issuer, UnitRequests requests,
                                ServerProcess server) throws ProvisioningException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            try {
                issuer.issue(requests.next());
                return;
            } catch (ProvisioningException e) {
                boolean retry = e.code() == ErrorCode.CA_UNAVAILABLE && server.alive() && System.nanoTime() < deadline;
                if (!retry) {
                    String raw = e.getMessage() + (e.rawDetail() == null ? "" : " (" + e.rawDetail() + ")");
                    throw new ProvisioningException(e.code(), "the benchmark's " + kind.label()
                            + " CA did not issue a first certificate: " + server.whyNotReady(), raw, e);
                }
                LOG.debug("{} not ready yet: {}", kind.label(), e.oneLine());
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    /** Stops the parts behind the issuer, last started first. */
    @Override
    public void close() {
        for (int i = teardown.size() - 1; i >= 0; i--) {
            teardown.get(i).run();
        }
        LOG.info("{} issuer torn down", kind.label());
    }
}
