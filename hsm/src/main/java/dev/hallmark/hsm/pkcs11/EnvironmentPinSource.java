package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * A PIN read from an environment variable each time it is needed. The JVM itself keeps the variable as an
 * immutable String for its whole life, so this source cannot wipe it; prefer a PIN file where that matters.
 * Where the variable is unset but {@code <VARIABLE>_FILE} names a 0600 file, the PIN is read from that file: the
 * station hands a PIN to its child JVM that way, as no secret is passed in a child's environment.
 */
final class EnvironmentPinSource implements PinSource {

    private final String variable;

    EnvironmentPinSource(String variable) {
        if (variable == null || variable.isBlank()) {
            throw new IllegalArgumentException("an environment variable name must not be blank");
        }
        this.variable = variable;
    }

    @Override
    public char[] pin() throws ProvisioningException {
        String value = System.getenv(variable);
        String file = System.getenv(variable + "_FILE");
        if ((value == null || value.isEmpty()) && file != null && !file.isBlank()) {
            return new FilePinSource(java.nio.file.Path.of(file)).pin();
        }
        if (value == null || value.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "The environment variable " + variable + " that should hold the HSM PIN is not set.");
        }
        return value.toCharArray();
    }

    @Override
    public String describe() {
        return "the environment variable " + variable;
    }
}
