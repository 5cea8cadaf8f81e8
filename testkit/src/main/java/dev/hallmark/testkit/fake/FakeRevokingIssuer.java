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

/**
 * A {@link FakeIssuer} that can also revoke, remembering what it revoked and why, and say what it issued for a request
 * (by the SHA-256 of its CSR), as the embedded CA does.
 */
public final class FakeRevokingIssuer implements CertificateIssuer, Revoker, dev.hallmark.engine.port.IssuedLookup {

    private final FakeIssuer issuer;
    private final Map<java.math.BigInteger, RevocationReason> revoked = new ConcurrentHashMap<>();
    private final Map<String, List<X509Certificate>> byRequest = new ConcurrentHashMap<>();

    public FakeRevokingIssuer(FakeIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) throws ProvisioningException {
        IssuedCertificate issued = issuer.issue(request);
        byRequest.computeIfAbsent(sha256(request.csrDer()), r -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(issued.leaf());
        return issued;
    }

    @Override
    public List<X509Certificate> issuedFor(String csrSha256) {
        return List.copyOf(byRequest.getOrDefault(csrSha256, List.of()));
    }

    /** Lower-case hex SHA-256, as the station names a request. */
    public static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
