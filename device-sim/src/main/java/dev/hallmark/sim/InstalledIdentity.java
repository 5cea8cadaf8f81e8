package dev.hallmark.sim;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * The identity a simulated device recovered from its key slot: the unwrapped private key and its certificate.
 *
 * @param privateKey     the device key, unwrapped with the diversified transport key
 * @param certificateDer the device certificate, X.509 DER (a copy is returned)
 */
public record InstalledIdentity(PrivateKey privateKey, byte[] certificateDer) {

    public InstalledIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        certificateDer = certificateDer.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }
}
