package dev.hallmark.app.station;

import dev.hallmark.app.config.SecretFile;
import dev.hallmark.app.process.Tools;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.device.DeviceTokenConfig;
import dev.hallmark.hsm.device.Pkcs11DeviceTokens;
import dev.hallmark.hsm.pkcs11.PinSource;
import dev.hallmark.hsm.pkcs11.TokenSelector;
import dev.hallmark.hsm.swtpm.SwtpmToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TPM 2.0 of the simulated boards, for on-device custody in the demo: one software TPM (swtpm behind
 * tpm2-abrmd) with a tpm2-pkcs11 token per fixture, standing in for the TPM soldered beside each device. The
 * tpm2-pkcs11 module reads where its TPM is from the environment, so the demo starts the TPM, then runs the lot in
 * a child JVM given {@link #environment()}, where {@link #tokens} makes the fixtures' tokens.
 */
public final class SimulatedDeviceTpm implements AutoCloseable {

    /** The variable tpm2-pkcs11 reads its store from: set when this JVM was started with a TPM's environment. */
    public static final String STORE_VARIABLE = "TPM2_PKCS11_STORE";

    private static final int PIN_LENGTH = 16;

    private final SwtpmToken tpm;

    private SimulatedDeviceTpm(SwtpmToken tpm) {
        this.tpm = tpm;
    }

    /** Whether this JVM was started with a TPM's environment. */
    public static boolean environmentSet() {
        return System.getenv(STORE_VARIABLE) != null;
    }

    /**
     * Fails with a plain sentence naming {@code user} ("the HSM benchmark") if a part of the software TPM is missing:
     * swtpm, tpm2-abrmd, tpm2_ptool, a D-Bus daemon or the tpm2-pkcs11 module.
     */
    public static void requireParts(String user) throws ProvisioningException {
        Tools.require("swtpm", "swtpm", user);
        Tools.require("tpm2-abrmd", "tpm2-abrmd", user);
        Tools.require("tpm2_ptool", "libtpm2-pkcs11-tools", user);
        Tools.require("dbus-daemon", "dbus", user);
        if (!Files.isReadable(SwtpmToken.module())) {
            throw new ProvisioningException(ErrorCode.HSM_MODULE_MISSING, user + " needs tpm2-pkcs11 ("
                    + SwtpmToken.module() + ", Debian package libtpm2-pkcs11-1), which is not installed here");
        }
    }

    /** Starts a fresh software TPM in {@code dir} (emptied first); fails with a plain sentence if a part is missing. */
    public static SimulatedDeviceTpm start(Path dir) throws ProvisioningException, InterruptedException {
        requireParts("on-device custody in the demo");
        try {
            SwtpmToken.wipe(dir);
            return new SimulatedDeviceTpm(SwtpmToken.start(dir, "device"));
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.HSM_TOKEN_NOT_FOUND, "the simulated devices' TPM did not start: "
                    + e.getMessage(), e.toString(), e);
        }
    }

    /** The environment of the JVM that uses the TPM's tokens. */
    public Map<String, String> environment() {
        return tpm.environment();
    }

    /**
     * In the JVM started with {@link #environment()}: makes a token {@code device-<fixture>} per fixture, with
     * throwaway PINs held in memory only, and returns the device tokens of the fixtures.
     */
    public static Pkcs11DeviceTokens tokens(List<Fixture> fixtures, SecureRandom random) throws ProvisioningException {
        Map<String, DeviceTokenConfig> byFixture = new LinkedHashMap<>();
        for (Fixture fixture : fixtures) {
            String label = "device-" + fixture.id();
            char[] soPin = SecretFile.randomPin(random, PIN_LENGTH);
            char[] userPin = SecretFile.randomPin(random, PIN_LENGTH);
            try {
                SwtpmToken.createToken(SwtpmToken.module(), label, soPin, userPin);
                byFixture.put(fixture.id(), new DeviceTokenConfig(SwtpmToken.module(), TokenSelector.byLabel(label),
                        PinSource.memory(userPin)));
            } finally {
                Arrays.fill(soPin, '\0');
                Arrays.fill(userPin, '\0');
            }
        }
        return new Pkcs11DeviceTokens(byFixture);
    }

    /** Stops the TPM. */
    @Override
    public void close() {
        tpm.close();
    }
}
