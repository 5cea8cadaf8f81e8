package dev.hallmark.app.station;

import dev.hallmark.app.config.SecretFile;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Plays the silicon vendor for the demo: the transport key-encryption key that personalised devices carry
 * is made once, imported into the station token (not extractable) and handed to the simulated devices.
 * In production the KEK arrives from the vendor by key ceremony and the station never sees its value.
 */
public final class SimulatedVendor {

    private static final int KEK_BYTES = 32;

    private SimulatedVendor() {
    }

    /** The KEK the simulated devices carry; created and imported into the token on first use. */
    public static byte[] transportKek(DataDir dir, Pkcs11Station hsm, SecureRandom random, Consumer<String> say)
            throws ProvisioningException {
        byte[] kek;
        if (Files.exists(dir.simulatorKek())) {
            kek = SecretFile.readBytes(dir.simulatorKek(), "simulated devices' transport KEK");
        } else if (hsm.hasTransportKek()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the token holds a transport KEK but the simulated"
                    + " devices' copy " + dir.simulatorKek() + " is missing; use a new --data-dir");
        } else {
            kek = new byte[KEK_BYTES];
            random.nextBytes(kek);
            SecretFile.writeBytes(dir.simulatorKek(), kek);
            say.accept("personalised the simulated devices with a transport KEK (imported into the token, not extractable)");
        }
        if (!hsm.hasTransportKek()) {
            byte[] copy = kek.clone();
            try {
                hsm.importTransportKek(copy);
            } finally {
                Arrays.fill(copy, (byte) 0);
            }
        }
        return kek;
    }
}
