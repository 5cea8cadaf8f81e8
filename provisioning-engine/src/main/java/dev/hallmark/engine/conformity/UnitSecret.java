package dev.hallmark.engine.conformity;

import dev.hallmark.engine.access.PasswordHash;
import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.access.StationAccounts;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The per-unit secret that replaces a default password: generated at the bench from the station's random source
 * and kept only as a salted PBKDF2-HMAC-SHA256 hash (the secret has ~140 bits of entropy, so a memory-hard hash adds
 * nothing but bench time). The clear value exists only inside {@link #generate} and is wiped there.
 */
public final class UnitSecret {

    /** Characters in a unit secret (about 140 bits from the 57-letter alphabet). */
    public static final int LENGTH = 24;
    /** PBKDF2 iterations of the verifier. */
    public static final int ITERATIONS = 10_000;

    private UnitSecret() {
    }

    /** A fresh secret's hash; the secret itself is wiped before this returns. */
    public static PasswordHash generate(PasswordHasher hasher, SecureRandom random) {
        char[] secret = StationAccounts.randomSecret(random, LENGTH);
        try {
            return hasher.pbkdf2(secret, ITERATIONS);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
