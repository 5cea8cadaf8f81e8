package dev.hallmark.bench;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link CertificateIssuer} that records how long each successful issue of its delegate took. */
final class TimedIssuer implements CertificateIssuer {

    private final CertificateIssuer delegate;
    private final long[] latencies;
    private final AtomicInteger recorded = new AtomicInteger();

    /** Room for {@code capacity} latencies; issues beyond it are passed on but not recorded. */
    TimedIssuer(CertificateIssuer delegate, int capacity) {
        this.delegate = delegate;
        this.latencies = new long[capacity];
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        long start = System.nanoTime();
        IssuedCertificate issued = delegate.issue(request);
        long took = System.nanoTime() - start;
        int slot = recorded.getAndIncrement();
        if (slot < latencies.length) {
            latencies[slot] = took;
        }
        return issued;
    }

    @Override
    public List<X509Certificate> caChain() throws ProvisioningException {
        return delegate.caChain();
    }

    /** The latencies recorded so far, in nanoseconds; call after the workers have ended. */
    long[] latencies() {
        return Arrays.copyOf(latencies, Math.min(recorded.get(), latencies.length));
    }
}
