package dev.hallmark.hsm.device;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.util.concurrent.atomic.AtomicBoolean;

/** One device's token for the duration of one unit: its key store and what it says of itself. */
final class Pkcs11DeviceToken implements DeviceTokens.DeviceToken {

    private final Pkcs11Station station;
    private final DeviceKeyStore keys;
    private final String description;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code release} runs after the token is closed: it lets the next unit open a token of a one-user module. */
    Pkcs11DeviceToken(Pkcs11Station station, Runnable release) throws ProvisioningException {
        this.station = station;
        this.release = release;
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            station.close();
        } finally {
            release.run();
        }
    }
}
