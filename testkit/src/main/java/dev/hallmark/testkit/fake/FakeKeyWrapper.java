package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyWrapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stands in for the HSM's key wrap in fast tests: returns a digest bound to the key and the UID.
 * It wraps nothing; tests of real wrapping run against SoftHSM2.
 */
public final class FakeKeyWrapper implements KeyWrapper {

    @Override
    public byte[] wrapForDevice(KeyHandle key, DeviceUid uid) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(key.alias().getBytes(StandardCharsets.UTF_8));
            digest.update(uid.bytes());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
