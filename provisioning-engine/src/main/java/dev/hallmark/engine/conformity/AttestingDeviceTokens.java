package dev.hallmark.engine.conformity;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.engine.port.KeyAttributeReader;

/**
 * On-device custody with evidence: each device token opened for a unit hands out a key store that reads the key's
 * attributes back from the device's own token (TPM, secure element) into the lot's {@link AttestingKeyStore}, so the
 * unit's KEY_GENERATED_IN_TOKEN and KEY_IN_HARDWARE evidence quote the device token, not the station's.
 */
public final class AttestingDeviceTokens implements DeviceTokens {

    private final DeviceTokens delegate;
    private final AttestingKeyStore records;

    public AttestingDeviceTokens(DeviceTokens delegate, AttestingKeyStore records) {
        this.delegate = delegate;
        this.records = records;
    }

    @Override
    public DeviceToken open(Fixture fixture) throws ProvisioningException {
        DeviceToken token = delegate.open(fixture);
        if (!(token.keys() instanceof KeyAttributeReader reader)) {
            return token;
        }
        DeviceKeyStore attesting = records.sharing(token.keys(), reader);
        return new DeviceToken() {
            @Override
            public DeviceKeyStore keys() {
                return attesting;
            }

            @Override
            public String description() {
                return token.description();
            }

            @Override
            public void close() {
                token.close();
            }
        };
    }
}
