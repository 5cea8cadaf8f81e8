package dev.hallmark.app.station;

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
import java.util.HexFormat;
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

    private final SwtpmToken tpm;

    private SimulatedDeviceTpm(SwtpmToken tpm) {
        this.tpm = tpm;
    }

    /** Whether this JVM was started with a TPM's environment. */
    public static boolean environmentSet() {
        return System.getenv(STORE_VARIABLE) != null;
    }

    /** Starts a fresh software TPM in {@code dir} (emptied first); fails with a plain sentence if a part is missing. */
    public static SimulatedDeviceTpm start(Path dir) throws ProvisioningException, InterruptedException {
        for (String[] tool : new String[][] {{"swtpm", "swtpm"}, {"tpm2-abrmd", "tpm2-abrmd"},
                {"tpm2_ptool", "libtpm2-pkcs11-tools"}, {"dbus-daemon", "dbus"}}) {
            if (!onPath(tool[0])) {
                throw new ProvisioningException(ErrorCode.HSM_MODULE_MISSING, "on-device custody in the demo needs '"
                        + tool[0] + "' (Debian package " + tool[1] + "), which is not installed here");
            }
        }
        if (!Files.isReadable(SwtpmToken.module())) {
            throw new ProvisioningException(ErrorCode.HSM_MODULE_MISSING, "on-device custody in the demo needs "
                    + "tpm2-pkcs11 (" + SwtpmToken.module() + ", Debian package libtpm2-pkcs11-1)");
        }
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
            char[] soPin = randomPin(random);
            char[] userPin = randomPin(random);
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

    private static char[] randomPin(SecureRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
