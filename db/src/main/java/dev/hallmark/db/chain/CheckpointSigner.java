package dev.hallmark.db.chain;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.ChainHeadWitness;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The station key that signs checkpoints, used through the {@link DeviceKeyStore} port so the private key stays in
 * the HSM. What is stored with each checkpoint (public key, its fingerprint, the key's token reference and, if
 * given, the station certificate's fingerprint) lets anyone verify it without the HSM; no secret is stored.
 */
public final class CheckpointSigner {

    private final DeviceKeyStore keys;
    private final KeyHandle key;
    private final String certificateSha256;
    private final ChainHeadWitness witness;

    /** Signs with {@code key} in {@code keys}; no station certificate is referenced. */
    public CheckpointSigner(DeviceKeyStore keys, KeyHandle key) {
        this(keys, key, null, null);
    }

    private CheckpointSigner(DeviceKeyStore keys, KeyHandle key, String certificateSha256, ChainHeadWitness witness) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.key = Objects.requireNonNull(key, "key");
        Objects.requireNonNull(key.publicKey(), "key.publicKey");
        this.certificateSha256 = certificateSha256;
        this.witness = witness;
    }

    /** The same signer, also advancing {@code headCounter} (in the same token) after each checkpoint is kept. */
    public CheckpointSigner withWitness(ChainHeadWitness headCounter) {
        return new CheckpointSigner(keys, key, certificateSha256, Objects.requireNonNull(headCounter, "headCounter"));
    }

    /** The head counter advanced with each checkpoint, if any (decision 0018). */
    public Optional<ChainHeadWitness> witness() {
        return Optional.ofNullable(witness);
    }

    /** The same signer, also naming the station certificate issued for its key (its SHA-256 is stored). */
    public CheckpointSigner withCertificate(X509Certificate certificate) {
        if (!Pem.samePublicKey(certificate, key.publicKey())) {
            throw new IllegalArgumentException("the certificate is not for the checkpoint key " + reference());
        }
        return new CheckpointSigner(keys, key, Pem.sha256(certificate), witness);
    }

    /** SHA-256 of the public key's SubjectPublicKeyInfo DER, lower-case hex: what a verifier may pin. */
    public String keySha256() {
        return ChainFormat.sha256Hex(key.publicKey().getEncoded());
    }

    /** The public key's SubjectPublicKeyInfo DER, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
    }

    /** Where the private key is: {@code token/alias#id}. */
    public String reference() {
        return key.token() + "/" + key.alias() + "#" + key.id();
    }

    /** SHA-256 of the station certificate, or null when none was given. */
    public String certificateSha256() {
        return certificateSha256;
    }

    /** The JCA signature algorithm of the key (e.g. {@code SHA256withECDSA}). */
    public String algorithm() {
        return key.spec().signatureAlgorithm();
    }

    byte[] sign(byte[] data) throws ProvisioningException {
        return keys.sign(key, data);
    }
}
