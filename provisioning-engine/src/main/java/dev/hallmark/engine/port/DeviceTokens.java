package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * On-device custody: the key store inside the device on a fixture (its TPM 2.0 or secure element, reached
 * through a PKCS#11 module at the fixture). The key pair is generated there, never extractable, and the
 * certificate is stored beside it.
 */
@FunctionalInterface
public interface DeviceTokens {

    /** Opens the device token of the unit now on the fixture; the caller closes it when the unit is done. */
    DeviceToken open(Fixture fixture) throws ProvisioningException;

    /** A device's own token for the duration of one unit. */
    interface DeviceToken extends AutoCloseable {

        /** The key store inside the device. */
        DeviceKeyStore keys();

        /** What the token says of itself (manufacturer, model, hardware or software), for the audit record. */
        String description();

        @Override
        void close();
    }
}
