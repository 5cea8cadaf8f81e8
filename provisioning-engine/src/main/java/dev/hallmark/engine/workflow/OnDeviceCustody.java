package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.engine.port.TargetLink;
import java.security.cert.X509Certificate;

/**
 * On-device custody: the pair is generated in the device's own TPM or secure element as a token object,
 * never extractable, and the certificate is stored beside it. A key left by a failed attempt stays for
 * the retry to find.
 */
final class OnDeviceCustody implements Custody {

    private final DeviceTokens.DeviceToken token;

    OnDeviceCustody(DeviceTokens.DeviceToken token) {
        this.token = token;
    }

    @Override
    public DeviceKeyStore keys() {
        return token.keys();
    }

    @Override
    public Keyed keyFor(DeviceUid uid, KeySpec spec) throws ProvisioningException {
        String alias = Custody.alias(uid);
        var found = token.keys().find(alias);
        KeyHandle key = found.isPresent() ? found.get()
                : token.keys().generate(spec, alias, KeyPolicy.TOKEN_NON_EXTRACTABLE);
        return new Keyed(key, (found.isPresent() ? "reused " : "generated ") + spec + " key " + alias + " id="
                + key.id() + " in device token " + token.description() + " (token object, never extractable)");
    }

    @Override
    public String install(TargetLink link, KeyHandle key, X509Certificate certificate, DeviceUid uid, String verifier)
            throws ProvisioningException {
        token.keys().attachCertificate(key, certificate);
        String stored = "certificate stored in device token " + token.description() + " beside key " + key.alias();
        if (verifier == null) {
            return stored;
        }
        byte[] blob;
        try {
            blob = IdentityBlob.encodeWithoutKey(certificate.getEncoded(), verifier);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new ProvisioningException(dev.hallmark.engine.api.ErrorCode.INTERNAL,
                    "the certificate cannot be encoded", e.getMessage(), e);
        }
        link.writeIdentity(blob);
        if (!java.util.Arrays.equals(blob, link.readIdentity(blob.length))) {
            throw new ProvisioningException(dev.hallmark.engine.api.ErrorCode.DEVICE_READBACK_MISMATCH,
                    "the key slot read back differently from what was written");
        }
        return stored + "; certificate and unit secret verifier written to the key slot (" + blob.length
                + " bytes, no key: it stays in the token) and read back equal";
    }

    @Override
    public void abandon(KeyHandle key) {
        // the key stays in the device for the retry (find before generate)
    }

    @Override
    public void close() {
        token.close();
    }
}
