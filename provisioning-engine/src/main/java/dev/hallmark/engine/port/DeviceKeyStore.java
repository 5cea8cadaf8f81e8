package dev.hallmark.engine.port;

import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Key pairs born in hardware (a PKCS#11 token): generate, find, sign, attach a certificate, destroy. */
public interface DeviceKeyStore {

    /** Generates a key pair inside the token; the private key never leaves it in clear. */
    KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) throws ProvisioningException;

    /** Finds a key pair this store generated, by alias, so a resumed unit reuses its key. */
    Optional<KeyHandle> find(String alias) throws ProvisioningException;

    /** Signs {@code data} inside the token with {@code spec().signatureAlgorithm()}, in that algorithm's JCA encoding. */
    byte[] sign(KeyHandle key, byte[] data) throws ProvisioningException;

    /** Stores the certificate beside the key in the token. */
    void attachCertificate(KeyHandle key, X509Certificate certificate) throws ProvisioningException;

    /** Destroys the key pair (and attached certificate) in the token. */
    void destroy(KeyHandle key) throws ProvisioningException;
}
