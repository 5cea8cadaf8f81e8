package dev.hallmark.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A PKCS#11 token as station.yaml names it: the module, the token by label or by serial (slot ids are not stable),
 * and where its user PIN comes from — {@code file:PATH} (0600), {@code env:VARIABLE} or {@code prompt} (asked on
 * the console when the station opens the token). The PIN itself is never in the file.
 *
 * @param module      the PKCS#11 library
 * @param tokenLabel  the token's label (or give the serial)
 * @param tokenSerial the token's serial number
 * @param pin         file:PATH, env:VARIABLE or prompt
 * @param libraryParameters text for C_Initialize's LibraryParameters (NSS softoken's configdir=...; most modules
 *                    refuse any, so leave it out for them)
 */
public record TokenSection(Path module, @JsonProperty("token_label") String tokenLabel,
                           @JsonProperty("token_serial") String tokenSerial, String pin,
                           @JsonProperty("library_parameters") String libraryParameters) {

    /** Without library parameters. */
    public TokenSection(Path module, String tokenLabel, String tokenSerial, String pin) {
        this(module, tokenLabel, tokenSerial, pin, null);
    }

    /** The token the section selects; CONFIG_INVALID naming {@code where} unless exactly one of label and serial is given. */
    public TokenSelector selector(String where) throws ProvisioningException {
        boolean label = tokenLabel != null && !tokenLabel.isBlank();
        boolean serial = tokenSerial != null && !tokenSerial.isBlank();
        if (label == serial) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " names its token by token_label or by "
                    + "token_serial: give exactly one of them");
        }
        return label ? TokenSelector.byLabel(tokenLabel) : TokenSelector.bySerial(tokenSerial);
    }

    /** The module, CONFIG_INVALID naming {@code where} if it is missing. */
    public Path requireModule(String where) throws ProvisioningException {
        if (module == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " needs 'module', the PKCS#11 library path");
        }
        return module;
    }

    /** Where the PIN comes from; {@code fallback} when the section names none. */
    public PinSource pinSource(String where, PinSource fallback) throws ProvisioningException {
        if (pin == null || pin.isBlank()) {
            return fallback;
        }
        if (pin.startsWith("file:") && pin.length() > 5) {
            return PinSource.file(Path.of(pin.substring(5)));
        }
        if (pin.startsWith("env:") && pin.length() > 4) {
            return PinSource.environment(pin.substring(4));
        }
        if (pin.equals("prompt")) {
            return prompt(where);
        }
        throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " has a pin setting that is none of "
                + "file:PATH, env:VARIABLE or prompt (the setting is not shown: it may be the PIN itself)");
    }

    private static PinSource prompt(String where) throws ProvisioningException {
        Console console = System.console();
        if (console == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, where + " asks for the PIN at a prompt, but the "
                    + "station has no console; use pin: file:PATH or env:VARIABLE for unattended runs");
        }
        char[] typed = console.readPassword("PIN of the token of %s: ", where);
        if (typed == null || typed.length == 0) {
            throw new ProvisioningException(ErrorCode.HSM_PIN_INCORRECT, "no PIN was typed for " + where);
        }
        try {
            return PinSource.memory(typed);
        } finally {
            Arrays.fill(typed, '\0');
        }
    }
}
