package dev.hallmark.bench;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Several issuers for one CA that each take one request at a time (OpenSSL's CMP mock keeps a single transaction:
 * a second one arriving in between aborts the first); each issue takes a free one and gives it back afterwards.
 */
final class IssuerPool implements CertificateIssuer {

    private final BlockingQueue<CertificateIssuer> free;
    private final CertificateIssuer first;

    IssuerPool(List<? extends CertificateIssuer> issuers) {
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one issuer");
        }
        this.free = new ArrayBlockingQueue<>(issuers.size(), false, issuers);
        this.first = issuers.get(0);
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        CertificateIssuer issuer;
        try {
            issuer = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "interrupted while waiting for a free CA server");
        }
        try {
            return issuer.issue(request);
        } finally {
            free.add(issuer);
        }
    }

    @Override
    public List<X509Certificate> caChain() throws ProvisioningException {
        return first.caChain();
    }
}
