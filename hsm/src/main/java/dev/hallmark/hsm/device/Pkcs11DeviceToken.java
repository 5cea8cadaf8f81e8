package dev.hallmark.hsm.device;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.hsm.keystore.Pkcs11Station;

/** One device's token for the duration of one unit: its key store and what it says of itself. */
final class Pkcs11DeviceToken implements DeviceTokens.DeviceToken {

    private final Pkcs11Station station;
    private final DeviceKeyStore keys;
    private final String description;

    Pkcs11DeviceToken(Pkcs11Station station) throws ProvisioningException {
        this.station = station;
        this.keys = new OnDeviceKeyStore(station.keyStore());
        this.description = station.tokenInfo().description();
    }

    @Override
    public DeviceKeyStore keys() {
        return keys;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        station.close();
    }
}
