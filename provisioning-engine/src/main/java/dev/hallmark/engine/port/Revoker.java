package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.security.cert.X509Certificate;

/**
 * Optional capability of a {@link CertificateIssuer}: revoking a certificate it issued (a superseded
 * identity after a crash, a scrapped unit). Kept apart from the issuer, as step-ca does, so an issuer
 * that cannot revoke need not pretend to.
 */
public interface Revoker {

    /** Revokes the certificate; revoking one already revoked is not an error. */
    void revoke(X509Certificate certificate, RevocationReason reason) throws ProvisioningException;
}
