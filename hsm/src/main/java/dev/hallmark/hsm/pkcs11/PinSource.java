package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;

/**
 * Where a token's user PIN comes from. A station asks for it only when it logs in (at open and after a lost
 * login) and wipes the returned array right after C_Login. A file or environment source keeps no copy of the
 * PIN between logins; a memory source (for a PIN typed at a prompt) keeps a masked copy until it is wiped.
 */
@FunctionalInterface
public interface PinSource {

    /** A fresh copy of the PIN; the caller wipes it ({@code Arrays.fill(pin, '\0')}) as soon as it is used. */
    char[] pin() throws ProvisioningException;

    /** Where the PIN comes from, for messages; never the PIN. */
    default String describe() {
        return "a PIN prompt";
    }

    /** Forgets any copy of the PIN this source holds. */
    default void wipe() {
    }

    /** The PIN in a file that only its owner may read (mode 0600 or 0400); one trailing line break is ignored. */
    static PinSource file(Path file) {
        return new FilePinSource(file);
    }

    /** The PIN in an environment variable of this process. */
    static PinSource environment(String variable) {
        return new EnvironmentPinSource(variable);
    }

    /** A copy of {@code pin}, held masked in memory until {@link #wipe()}; the caller may wipe its own array. */
    static PinSource memory(char[] pin) {
        return new MemoryPinSource(pin);
    }
}
