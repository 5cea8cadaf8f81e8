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
 * @param flagsReliable whether the flags were read into zeroed memory, or hold no bit PKCS#11 leaves undefined
 *                   (see {@code ZeroedMechanismInfo}: SoftHSM 2.6.1 ORs CBC_PAD flags into an uninitialised struct)
 */
public record MechanismInfo(long code, String name, long minKeySize, long maxKeySize, List<String> flags,
                            boolean flagsReliable) {

    public MechanismInfo {
        flags = List.copyOf(flags);
    }

    /** A mechanism whose flags the module reported consistently. */
    public MechanismInfo(long code, String name, long minKeySize, long maxKeySize, List<String> flags) {
        this(code, name, minKeySize, maxKeySize, flags, true);
    }

    /** Whether the token performs it in hardware (CKF_HW). */
    public boolean hardware() {
        return flags.contains("hw");
    }
}
