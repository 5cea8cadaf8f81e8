package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;

/** Optional capability of a key store: read a key's attributes back from its token, for conformity evidence. */
@FunctionalInterface
public interface KeyAttributeReader {

    /** The private key's attributes; CONFORMITY_EVIDENCE_UNAVAILABLE or an HSM error if they cannot be read. */
    KeyAttributes attributes(KeyHandle key) throws ProvisioningException;
}
