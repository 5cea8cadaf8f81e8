package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A PIN typed once (at a prompt) and kept for logging in again after a lost login. It is held XOR-masked with a
 * random pad, so it does not sit in the heap as plain text, and both arrays are zeroed by {@link #wipe()}. The
 * mask is no protection against someone who can read the whole process memory.
 */
final class MemoryPinSource implements PinSource {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] masked;
    private final char[] pad;
    private boolean wiped;

    MemoryPinSource(char[] pin) {
        if (pin == null || pin.length == 0) {
            throw new IllegalArgumentException("a PIN must not be empty");
        }
        pad = new char[pin.length];
        masked = new char[pin.length];
        for (int i = 0; i < pin.length; i++) {
            pad[i] = (char) RANDOM.nextInt(Character.MAX_VALUE + 1);
            masked[i] = (char) (pin[i] ^ pad[i]);
        }
    }

    @Override
    public synchronized char[] pin() throws ProvisioningException {
        if (wiped) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "The HSM PIN given at start-up was already wiped; reopen the token to enter it again.");
        }
        char[] pin = new char[masked.length];
        for (int i = 0; i < pin.length; i++) {
            pin[i] = (char) (masked[i] ^ pad[i]);
        }
        return pin;
    }

    @Override
    public String describe() {
        return "the PIN entered at start-up";
    }

    @Override
    public synchronized void wipe() {
        Arrays.fill(masked, '\0');
        Arrays.fill(pad, '\0');
        wiped = true;
    }
}
