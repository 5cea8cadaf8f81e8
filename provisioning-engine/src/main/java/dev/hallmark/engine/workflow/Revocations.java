package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.Revoker;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes certificates that must not stay valid (rejected by the engine, or of a failed unit) where the CA
 * can revoke, and says in the unit's words what became of each.
 */
final class Revocations {

    private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

    /** What became of a certificate: whether the CA revoked it, and the note for the unit's record. */
    record Fate(boolean revoked, String note) {
    }

    private final CertificateIssuer issuer;

    Revocations(CertificateIssuer issuer) {
        this.issuer = issuer;
    }

    Fate revoke(String fixtureId, X509Certificate certificate, String sha256, RevocationReason reason) {
        String name = "certificate " + sha256 + " (serial " + certificate.getSerialNumber().toString(16) + ")";
        if (!(issuer instanceof Revoker revoker)) {
            LOG.warn("fixture {}: {} must be revoked at the CA", fixtureId, name);
            return new Fate(false, name + " must be revoked at the CA");
        }
        try {
            revoker.revoke(certificate, reason);
            return new Fate(true, name + " revoked");
        } catch (ProvisioningException revokeFailure) {
            LOG.error("fixture {}: {} could not be revoked: {}", fixtureId, name, revokeFailure.oneLine(),
                    revokeFailure);
            return new Fate(false, name + " could not be revoked (" + revokeFailure.code().id() + "); revoke it at the CA");
        }
    }
}
