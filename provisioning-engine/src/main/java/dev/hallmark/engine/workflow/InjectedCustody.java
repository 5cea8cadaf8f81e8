package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.KeyWrapper;
import dev.hallmark.engine.port.TargetLink;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Injected custody: the pair is a session object in the station HSM, wrapped for the one device under its
 * diversified transport key, written with the certificate into the device's key slot, read back, and then
 * destroyed in the station. On failure the station's copy is destroyed too.
 */
final class InjectedCustody implements Custody {

    private final DeviceKeyStore keys;
    private final KeyWrapper wrapper;

    InjectedCustody(DeviceKeyStore keys, KeyWrapper wrapper) {
        this.keys = keys;
        this.wrapper = wrapper;
    }

    @Override
    public DeviceKeyStore keys() {
        return keys;
    }

    @Override
    public Keyed keyFor(DeviceUid uid, KeySpec spec) throws ProvisioningException {
        String alias = Custody.alias(uid);
        var found = keys.find(alias);
        KeyHandle key = found.isPresent() ? found.get() : keys.generate(spec, alias, KeyPolicy.SESSION_WRAP_ONLY);
        return new Keyed(key, (found.isPresent() ? "reused " : "generated ") + spec + " key " + alias + " id="
                + key.id() + " in station token " + key.token() + " (session object, sensitive, wrap only)");
    }

    @Override
    public String install(TargetLink link, KeyHandle key, X509Certificate certificate, DeviceUid uid, String verifier)
            throws ProvisioningException {
        byte[] wrapped = wrapper.wrapForDevice(key, uid);
        byte[] blob;
        try {
            blob = IdentityBlob.encode(wrapped, certificate.getEncoded(), verifier);
        } catch (CertificateEncodingException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate cannot be encoded", e.getMessage(), e);
        }
        link.writeIdentity(blob);
        byte[] back = link.readIdentity(blob.length);
        if (!Arrays.equals(blob, back)) {
            throw new ProvisioningException(ErrorCode.DEVICE_READBACK_MISMATCH,
                    "the key slot read back differently from what was written");
        }
        keys.destroy(key);
        String kek = wrapper.transportKek().map(k -> "; wrapped under " + k.evidence()).orElse("");
        return "identity written to key slot (" + blob.length + " bytes, key wrapped " + wrapped.length
                + " bytes" + (verifier == null ? "" : ", unit secret verifier") + ") and read back equal; station copy"
                + " of key " + key.alias() + " destroyed" + kek;
    }

    @Override
    public void abandon(KeyHandle key) throws ProvisioningException {
        keys.destroy(key);
    }

    @Override
    public void close() {
        // the station token outlives the unit
    }
}
