package dev.hallmark.bench;

import dev.hallmark.ca.embedded.EmbeddedCa;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.keystore.Pkcs11DeviceKeyStore;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The token's share of a unit, measured on the station token itself: the raw keygen + signature rate (what a
 * station at zero device latency is limited by), and the whole token work of one injected unit — device key
 * generated, CSR signed, certificate signed with the issuing CA key, key wrapped for the device, key destroyed.
 *
 * @param rawPerSecond keygen + CSR signature + destroy per second, one thread
 * @param unitNanos    the token work of one unit, mean, one thread
 */
record TokenWork(double rawPerSecond, long unitNanos) {

    private static final byte[] CSR_BODY = new byte[320];
    private static final byte[] TBS_CERTIFICATE = new byte[480];

    /** Measures both after a warm-up, each for {@code duration}. */
    static TokenWork measure(Pkcs11DeviceKeyStore keys, Duration duration, SecureRandom random)
            throws ProvisioningException {
        KeyHandle issuing = keys.find(EmbeddedCa.ISSUING_KEY_ALIAS).orElseThrow(() -> new ProvisioningException(
                ErrorCode.CA_KEY_MISSING, "the benchmark station's issuing CA key is missing"));
        byte[] uid = new byte[12];
        long[] counter = {0};
        loop(duration, () -> raw(keys, counter));
        Tally raw = loop(duration, () -> raw(keys, counter));
        Tally unit = loop(duration, () -> {
            random.nextBytes(uid);
            KeyHandle key = keys.generate(KeySpec.EC_P256, "bench-unit-" + counter[0]++, KeyPolicy.SESSION_WRAP_ONLY);
            try {
                keys.sign(key, CSR_BODY);
                keys.sign(issuing, TBS_CERTIFICATE);
                keys.wrapForDevice(key, DeviceUid.of(uid));
            } finally {
                keys.destroy(key);
            }
        });
        return new TokenWork(raw.units * 1e9 / raw.nanos, unit.nanos / Math.max(1, unit.units));
    }

    private static void raw(Pkcs11DeviceKeyStore keys, long[] counter) throws ProvisioningException {
        KeyHandle key = keys.generate(KeySpec.EC_P256, "bench-raw-" + counter[0]++, KeyPolicy.SESSION_WRAP_ONLY);
        try {
            keys.sign(key, CSR_BODY);
        } finally {
            keys.destroy(key);
        }
    }

    private interface Work {
        void run() throws ProvisioningException;
    }

    private record Tally(long units, long nanos) {
    }

    private static Tally loop(Duration duration, Work work) throws ProvisioningException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long units = 0;
        while (System.nanoTime() < end) {
            work.run();
            units++;
        }
        return new Tally(units, System.nanoTime() - start);
    }
}
