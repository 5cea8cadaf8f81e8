package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Plays the silicon vendor for simulated boards only (the demo, {@code sim:} ports): the transport KEK the simulated
 * devices carry is made once, kept beside them under the data directory, imported into the station token under its
 * own label (never the production one) and chosen for the lot, so every unit it touches is marked SIMULATED in its
 * evidence. A real line's KEK comes from {@code hallmark kek import}; the station never makes one for real ports.
 */
public final class SimulatedVendor {

    private static final int KEK_BYTES = 32;

    private SimulatedVendor() {
    }

    /** The KEK the simulated devices carry; created and imported into the token on first use, and selected. */
    public static byte[] transportKek(DataDir dir, Pkcs11Station hsm, SecureRandom random, Consumer<String> say)
            throws ProvisioningException {
        byte[] kek;
        if (Files.exists(dir.simulatorKek())) {
            kek = SecretFile.readBytes(dir.simulatorKek(), "simulated devices' transport KEK");
        } else {
            kek = new byte[KEK_BYTES];
            random.nextBytes(kek);
            SecretFile.writeBytes(dir.simulatorKek(), kek);
            say.accept("personalised the simulated devices with a SIMULATED vendor transport KEK (for simulated boards"
                    + " only; imported into the token, not extractable)");
        }
        if (hsm.keks().find(KekOrigin.SIMULATED_VENDOR).isEmpty()) {
            hsm.keks().importSimulated(kek.clone(), Instant.now().toString());
        }
        StationKek.select(hsm, dir, KekOrigin.SIMULATED_VENDOR);
        return kek;
    }
}
