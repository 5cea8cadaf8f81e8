package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import org.bouncycastle.operator.ContentSigner;

/**
 * Reaches the device key of a request to sign the CRMF proof of possession of an ir or cr. The key lives in
 * the device's token, so a station implementation wraps the engine's
 * {@link dev.hallmark.engine.crypto.TokenContentSigner} for the unit's key handle.
 */
@FunctionalInterface
public interface PopSigner {

    /** A fresh signer with the private key whose public key is in the request's CSR. */
    ContentSigner signerFor(IssueRequest request) throws ProvisioningException;
}
