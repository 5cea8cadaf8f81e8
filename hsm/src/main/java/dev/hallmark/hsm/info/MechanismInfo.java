package dev.hallmark.hsm.info;

import java.util.List;

/**
 * A mechanism a token offers, as C_GetMechanismInfo describes it.
 *
 * @param code       the CKM_ code
 * @param name       its CKM_ name, or the hex code when the name is unknown
 * @param minKeySize the smallest key size (bits or bytes, as the mechanism defines it)
 * @param maxKeySize the largest key size
 * @param flags      the CKF_ flags in lower case without prefix: "hw", "sign", "generate_key_pair", ...
 */
public record MechanismInfo(long code, String name, long minKeySize, long maxKeySize, List<String> flags) {

    public MechanismInfo {
        flags = List.copyOf(flags);
    }

    /** Whether the token performs it in hardware (CKF_HW). */
    public boolean hardware() {
        return flags.contains("hw");
    }
}
