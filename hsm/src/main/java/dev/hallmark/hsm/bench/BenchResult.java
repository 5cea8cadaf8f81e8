package dev.hallmark.hsm.bench;

import java.util.Locale;

/**
 * The figures of one case: units (keygen + CSR signature + destroy) per second through the key store and through
 * the bare wrapper loop.
 *
 * @param token          the target's name
 * @param threads        threads working at once
 * @param storePerSecond units per second through Pkcs11DeviceKeyStore
 * @param barePerSecond  units per second through the bare wrapper loop
 * @param storeUnits     units measured through the store
 * @param bareUnits      units measured through the bare loop
 * @param storeCpuMicros CPU time of the worker threads per unit through the store, in microseconds (PKCS#11
 *                       calls run on the calling thread, so this holds the token's work too, but not the time spent
 *                       waiting for a CPU on a busy machine)
 * @param bareCpuMicros  the same for the bare loop
 */
public record BenchResult(String token, int threads, double storePerSecond, double barePerSecond, long storeUnits,
        long bareUnits, double storeCpuMicros, double bareCpuMicros) {

    /** Store speed over bare speed; the goal is 0.90 or more. */
    public double ratio() {
        return barePerSecond == 0 ? 0 : storePerSecond / barePerSecond;
    }

    /** Bare CPU time per unit over store CPU time per unit: the ratio a machine with idle CPUs would show. */
    public double cpuRatio() {
        return storeCpuMicros == 0 ? 0 : bareCpuMicros / storeCpuMicros;
    }

    /** {@code token=softhsm threads=1 store_per_s=X bare_per_s=Y ratio=R}, for scripts to read. */
    public String line() {
        return String.format(Locale.ROOT, "token=%s threads=%d store_per_s=%.1f bare_per_s=%.1f ratio=%.2f",
                token, threads, storePerSecond, barePerSecond, ratio());
    }
}
