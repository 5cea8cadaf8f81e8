package dev.hallmark.sim;

import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity a simulated device recovered from its key slot: the unwrapped private key (absent when the key lives
 * in the device's own token, key format 0), its certificate, and the unit secret's verifier where the blob (version
 * 2) carries one.
 *
 * @param privateKey     the device key, unwrapped with the diversified transport key, or null (key format 0)
 * @param certificateDer the device certificate, X.509 DER (a copy is returned)
 * @param secretVerifier the unit secret's verifier ({@code $pbkdf2-sha256$...}), or null
 */
public record InstalledIdentity(PrivateKey privateKey, byte[] certificateDer, String secretVerifier) {

    public InstalledIdentity {
        Objects.requireNonNull(certificateDer, "certificateDer");
        certificateDer = certificateDer.clone();
    }

    /** An identity with a key and no secret verifier (blob version 1). */
    public InstalledIdentity(PrivateKey privateKey, byte[] certificateDer) {
        this(Objects.requireNonNull(privateKey, "privateKey"), certificateDer, null);
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** The unit secret's verifier, if the device was given one. */
    public Optional<String> verifier() {
        return Optional.ofNullable(secretVerifier);
    }
}
