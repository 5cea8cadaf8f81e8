package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;

/**
 * A PIN read from an environment variable each time it is needed. The JVM itself keeps the variable as an
 * immutable String for its whole life, so this source cannot wipe it; prefer a PIN file where that matters.
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
