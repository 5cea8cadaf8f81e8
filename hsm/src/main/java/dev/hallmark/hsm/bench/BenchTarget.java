package dev.hallmark.hsm.bench;

import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One token to measure with EC P-256 keys.
 *
 * @param name         the name printed as {@code token=}
 * @param module       the PKCS#11 library
 * @param token        the token by label or serial
 * @param pin          its user PIN source
 * @param policy       session keys (the station HSM, injected custody) or token keys (a device token)
 * @param unitsPerOpen units per C_Initialize before the module is closed and opened again, or 0 for no limit
 *                     (tpm2-pkcs11 keeps every key it generated loaded until C_Finalize and runs out of TPM
 *                     object slots after about 50 keys with signatures)
 */
public record BenchTarget(String name, Path module, TokenSelector token, PinSource pin, KeyPolicy policy,
        int unitsPerOpen) {

    /** Units per open for a TPM through tpm2-pkcs11 and tpm2-abrmd, well below its limit. */
    public static final int TPM_UNITS_PER_OPEN = 20;

    public BenchTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(policy, "policy");
        if (unitsPerOpen < 0) {
            throw new IllegalArgumentException("units per open must not be negative");
        }
    }

    /** The station HSM: session keys (injected custody), no reopening. */
    public static BenchTarget stationToken(String name, Path module, TokenSelector token, PinSource pin) {
        return new BenchTarget(name, module, token, pin, KeyPolicy.SESSION_WRAP_ONLY, 0);
    }

    /** A TPM 2.0 through tpm2-pkcs11: token keys (on-device custody), reopened every {@link #TPM_UNITS_PER_OPEN} units. */
    public static BenchTarget tpm(String name, Path module, TokenSelector token, PinSource pin) {
        return new BenchTarget(name, module, token, pin, KeyPolicy.TOKEN_NON_EXTRACTABLE, TPM_UNITS_PER_OPEN);
    }
}
