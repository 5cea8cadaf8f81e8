package dev.hallmark.hsm.device;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's DeviceTokens over PKCS#11: per fixture, the device's own module and token (configured by fixture
 * id), opened for one unit and closed after it. Keys are generated there as token objects that never leave it,
 * and the certificate is stored beside them. Closing also finalises the module when nothing else in this JVM
 * holds it, which tpm2-pkcs11 needs to free the TPM objects it keeps loaded.
 */
public final class Pkcs11DeviceTokens implements DeviceTokens {

    /** Sessions per device token: one unit uses one at a time, a second covers a concurrent look-up. */
    static final int POOL_SIZE = 2;

    private final Map<String, DeviceTokenConfig> byFixture;

    /** Device tokens by fixture id ({@link Fixture#id()}). */
    public Pkcs11DeviceTokens(Map<String, DeviceTokenConfig> byFixture) {
        this.byFixture = Map.copyOf(byFixture);
    }

    @Override
    public DeviceToken open(Fixture fixture) throws ProvisioningException {
        DeviceTokenConfig config = byFixture.get(fixture.id());
        if (config == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "No device token is configured for fixture "
                    + fixture.id() + " (configured: " + new TreeMap<>(byFixture).keySet() + ").");
        }
        Pkcs11Station station = Pkcs11Station.open(config.module(), config.token(), config.pin(), POOL_SIZE);
        try {
            return new Pkcs11DeviceToken(station);
        } catch (ProvisioningException | RuntimeException e) {
            station.close();
            throw e;
        }
    }
}
