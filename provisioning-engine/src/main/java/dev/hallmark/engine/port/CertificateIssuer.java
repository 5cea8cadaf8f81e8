package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate authority the station asks for device identities. */
public interface CertificateIssuer {

    /** Issues a certificate for the request; the engine verifies what comes back. */
    IssuedCertificate issue(IssueRequest request) throws ProvisioningException;

    /** The CA chain, issuing CA first and the trust anchor (root) last. */
    List<X509Certificate> caChain() throws ProvisioningException;
}
