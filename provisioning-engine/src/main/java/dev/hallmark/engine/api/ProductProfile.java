package dev.hallmark.engine.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a product's units get: chip family, key spec and custody, certificate contents and lock level.
 *
 * @param name           the profile's name, recorded with each lot
 * @param chipFamily     expected chip family as the link reports it, e.g. {@code STM32F4}
 * @param keySpec        the device key pair
 * @param custody        where the private key lives
 * @param lockLevel      how far the debug interfaces are closed
 * @param serialPrefix   prefix of allocated unit serials, e.g. {@code HM-F4-}
 * @param organization   the O= of the device certificate subject
 * @param validity       the device certificate's validity
 */
public record ProductProfile(String name, String chipFamily, KeySpec keySpec, KeyCustody custody,
                             LockLevel lockLevel, String serialPrefix, String organization, Duration validity) {
    public ProductProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chipFamily, "chipFamily");
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(lockLevel, "lockLevel");
        Objects.requireNonNull(serialPrefix, "serialPrefix");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(validity, "validity");
    }

    /** The URI SAN that binds a certificate to the device's hardware UID. */
    public String uidUri(DeviceUid uid) {
        return "urn:hallmark:uid:" + chipFamily.toLowerCase(java.util.Locale.ROOT) + ":" + uid.hex();
    }
}
