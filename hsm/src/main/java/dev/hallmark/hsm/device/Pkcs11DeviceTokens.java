package dev.hallmark.hsm.device;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceTokenInfo;
import dev.hallmark.engine.port.DeviceTokens;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The engine's DeviceTokens over PKCS#11: per fixture, the device's own module and token (configured by fixture
 * id), opened for one unit and closed after it. Keys are generated there as token objects that never leave it,
 * and the certificate is stored beside them. Closing also finalises the module when nothing else in this JVM
 * holds it, which tpm2-pkcs11 needs to free the TPM objects it keeps loaded. Where the module's tokens bear one user
 * at a time (tpm2-pkcs11: several fixtures' tokens on one TPM resource manager), units take turns on it.
 */
public final class Pkcs11DeviceTokens implements DeviceTokens, DeviceTokenInfo {

    /** Sessions per device token: one unit uses one at a time, a second covers a concurrent look-up. */
    static final int POOL_SIZE = 2;

    /** One unit at a time per module whose tokens bear one user at a time (tpm2-pkcs11 on one TPM). */
    private static final Map<Path, Semaphore> ONE_USER = new ConcurrentHashMap<>();

    private final Map<String, DeviceTokenConfig> byFixture;

    /** Device tokens by fixture id ({@link Fixture#id()}). */
    public Pkcs11DeviceTokens(Map<String, DeviceTokenConfig> byFixture) {
        this.byFixture = Map.copyOf(byFixture);
    }

    /** {@inheritDoc} Read from the token's C_GetTokenInfo and its slot's flags, as {@link #tokenInfo} does. */
    @Override
    public Description describe(Fixture fixture) throws ProvisioningException {
        dev.hallmark.hsm.info.TokenInfo info = tokenInfo(fixture);
        return new Description(info.manufacturer().trim() + " '" + info.label() + "'", info.hardware());
    }

    /**
     * What the device token of {@code fixture} says of itself (CKF_HW_SLOT, maker), read by opening it once: for the
     * class check before the first unit.
     */
    public dev.hallmark.hsm.info.TokenInfo tokenInfo(Fixture fixture) throws ProvisioningException {
        DeviceTokenConfig config = configFor(fixture);
        Semaphore oneUser = ONE_USER.computeIfAbsent(config.module().toAbsolutePath().normalize(), m -> new Semaphore(1));
        oneUser.acquireUninterruptibly();
        try (Pkcs11Station station = Pkcs11Station.open(config.module(), config.token(), config.pin(), 1)) {
            return station.tokenInfo();
        } finally {
            oneUser.release();
        }
    }

    @Override
    public DeviceToken open(Fixture fixture) throws ProvisioningException {
        DeviceTokenConfig config = configFor(fixture);
        Semaphore oneUser = ONE_USER.computeIfAbsent(config.module().toAbsolutePath().normalize(), m -> new Semaphore(1));
        oneUser.acquireUninterruptibly();
        Pkcs11Station station;
        try {
            station = Pkcs11Station.open(config.module(), config.token(), config.pin(), POOL_SIZE);
        } catch (ProvisioningException | RuntimeException e) {
            oneUser.release();
            throw e;
        }
        Runnable release = oneUser::release;
        if (station.concurrentSessions()) {
            oneUser.release();
            release = () -> { };
        }
        try {
            return new Pkcs11DeviceToken(station, release);
        } catch (ProvisioningException | RuntimeException e) {
            station.close();
            release.run();
            throw e;
        }
    }

    private DeviceTokenConfig configFor(Fixture fixture) throws ProvisioningException {
        DeviceTokenConfig config = byFixture.get(fixture.id());
        if (config == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "No device token is configured for fixture "
                    + fixture.id() + " (configured: " + new TreeMap<>(byFixture).keySet() + ").");
        }
        return config;
    }
}
