package dev.hallmark.hsm.device;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.keystore.Pkcs11DeviceKeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The key store inside a device: only token keys that never leave it. A session key (injected custody) is refused
 * here, because it would die with the unit's session and could never be installed.
 */
final class OnDeviceKeyStore implements DeviceKeyStore, dev.hallmark.engine.port.KeyAttributeReader {

    private final Pkcs11DeviceKeyStore keys;

    OnDeviceKeyStore(Pkcs11DeviceKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public KeyHandle generate(KeySpec spec, String alias, KeyPolicy policy) throws ProvisioningException {
        if (policy != KeyPolicy.TOKEN_NON_EXTRACTABLE) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "A device token keeps its keys: on-device"
                    + " custody generates token keys that never leave the device, not " + policy + " keys.");
        }
        return keys.generate(spec, alias, policy);
    }

    @Override
    public Optional<KeyHandle> find(String alias) throws ProvisioningException {
        return keys.find(alias);
    }

    @Override
    public byte[] sign(KeyHandle key, byte[] data) throws ProvisioningException {
        return keys.sign(key, data);
    }

    @Override
    public void attachCertificate(KeyHandle key, X509Certificate certificate) throws ProvisioningException {
        keys.attachCertificate(key, certificate);
    }

    @Override
    public void destroy(KeyHandle key) throws ProvisioningException {
        keys.destroy(key);
    }

    /** The key's attributes read back from the device's token (conformity evidence). */
    @Override
    public dev.hallmark.engine.port.KeyAttributes attributes(KeyHandle key) throws ProvisioningException {
        return keys.attributes(key);
    }
}
