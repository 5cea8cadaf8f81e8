package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.Revoker;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link FakeIssuer} that can also revoke, remembering what it revoked and why. */
public final class FakeRevokingIssuer implements CertificateIssuer, Revoker {

    private final FakeIssuer issuer;
    private final Map<java.math.BigInteger, RevocationReason> revoked = new ConcurrentHashMap<>();

    public FakeRevokingIssuer(FakeIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        return issuer.issue(request);
    }

    @Override
    public List<X509Certificate> caChain() {
        return issuer.caChain();
    }

    @Override
    public void revoke(X509Certificate certificate, RevocationReason reason) {
        revoked.put(certificate.getSerialNumber(), reason);
    }

    public Map<java.math.BigInteger, RevocationReason> revoked() {
        return Map.copyOf(revoked);
    }
}
