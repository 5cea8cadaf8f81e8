package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * The per-unit secret that replaces a default password, issued at INSTALL: generated at the bench, recorded only as
 * its hash (and, where the profile names a customer key, wrapped for the customer) before this returns; the device
 * is given the hash as its verifier with its identity (docs/identity-blob.md). The clear secret never leaves the
 * implementation.
 */
@FunctionalInterface
public interface UnitSecrets {

    /** Issues the secret of unit {@code unitId}; returns the verifier ({@code $pbkdf2-sha256$...}) the device stores. */
    String issue(long unitId, DeviceUid uid) throws ProvisioningException;
}
