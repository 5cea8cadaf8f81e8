package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.TransportKek;
import java.util.Optional;

/**
 * Injected custody: wraps a session private key for exactly one device, inside the token, under a transport
 * key diversified from the key-encryption key and the device's UID (RFC 5649 AES key wrap with padding).
 * The wire format and the diversification are specified in docs/identity-blob.md.
 */
public interface KeyWrapper {

    /** The wrapped PKCS#8 private key, readable only by the device with this UID. */
    byte[] wrapForDevice(KeyHandle key, DeviceUid uid) throws ProvisioningException;

    /** The KEK this wrapper wraps under (label, origin, KCV), for the unit's evidence; empty when it cannot say. */
    default Optional<TransportKek> transportKek() throws ProvisioningException {
        return Optional.empty();
    }
}
