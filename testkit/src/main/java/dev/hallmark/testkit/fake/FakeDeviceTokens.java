package dev.hallmark.testkit.fake;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.DeviceTokens;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A software key store per fixture standing in for each device's TPM, for fast on-device custody tests. */
public final class FakeDeviceTokens implements DeviceTokens {

    private final Map<String, SoftwareKeyStore> tokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> openCount = new ConcurrentHashMap<>();
    private volatile boolean absent;

    /** The device token of the fixture (created on first use). */
    public SoftwareKeyStore token(Fixture fixture) {
        return tokens.computeIfAbsent(fixture.id(), id -> new SoftwareKeyStore(new SecureRandom()));
    }

    /** Whether every opened token was closed again. */
    public boolean allClosed() {
        return openCount.values().stream().allMatch(n -> n == 0);
    }

    /** The next opens find no token at the fixture. */
    public void absent(boolean absent) {
        this.absent = absent;
    }

    @Override
    public DeviceToken open(Fixture fixture) throws ProvisioningException {
        if (absent) {
            throw new ProvisioningException(ErrorCode.HSM_TOKEN_NOT_FOUND,
                    "no device token answers at fixture " + fixture.id());
        }
        SoftwareKeyStore keys = token(fixture);
        openCount.merge(fixture.id(), 1, Integer::sum);
        return new DeviceToken() {
            @Override
            public DeviceKeyStore keys() {
                return keys;
            }

            @Override
            public String description() {
                return "fake TPM at " + fixture.id();
            }

            @Override
            public void close() {
                openCount.merge(fixture.id(), -1, Integer::sum);
            }
        };
    }
}
