package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;

/**
 * Optional capability of a {@link CertificateIssuer} that is also a {@link Revoker}: signing and publishing a new CRL
 * with every revocation so far. A CA that publishes its own CRLs (a remote CA) does not implement it.
 */
public interface CrlPublisher {

    /** Signs a new CRL and publishes it; returns where it went and its DER encoding. */
    PublishedCrl publishCrl() throws ProvisioningException;

    /**
     * A CRL as published.
     *
     * @param location where it was published (a file path or a URL)
     * @param der      the CRL, DER-encoded
     */
    record PublishedCrl(String location, byte[] der) {
    }
}
