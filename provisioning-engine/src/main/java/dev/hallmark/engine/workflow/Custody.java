package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.TargetLink;
import java.security.cert.X509Certificate;

/** Where one unit's key pair is born, used and left: the key custody of its product profile (DESIGN.md). */
interface Custody extends AutoCloseable {

    /** The key store the device key lives in. */
    DeviceKeyStore keys();

    /** Finds the unit's key from an earlier attempt, or generates it; the text says which, for the journal. */
    Keyed keyFor(DeviceUid uid, KeySpec spec) throws ProvisioningException;

    /**
     * Puts the identity where the device will use it, verifies it, and returns the journal's detail; with a unit
     * secret's {@code verifier} (else null) the device stores it with its identity (identity blob v2).
     */
    String install(TargetLink link, KeyHandle key, X509Certificate certificate, DeviceUid uid, String verifier)
            throws ProvisioningException;

    /** After a failure: what must not outlive the unit goes. */
    void abandon(KeyHandle key) throws ProvisioningException;

    @Override
    void close();

    /** A key and the words the journal records about where it came from. */
    record Keyed(KeyHandle key, String detail) {
    }

    static String alias(DeviceUid uid) {
        return "dev-" + uid.hex();
    }
}
