package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.TransportKek;
import dev.hallmark.engine.workflow.TransportKeyRule;
import dev.hallmark.hsm.keystore.KekFacts;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The station's key wiring for the transport KEK: asks the token for the KEK of the kind the engine's
 * {@link TransportKeyRule} says the boards need, lets the rule refuse, and binds the token's key store to it so every
 * unit's INSTALL evidence names it.
 */
public final class StationKek {

    private StationKek() {
    }

    /**
     * Binds the KEK the given ports need: {@code sim:} ports are simulated boards (the simulated vendor's KEK, made on
     * first use); real ports need the ceremony's production KEK or are refused (HM-230); never mixed (HM-231).
     */
    public static void forPorts(Pkcs11Station hsm, DataDir dir, java.util.Collection<String> portArgs,
                                java.security.SecureRandom random, java.util.function.Consumer<String> say)
            throws ProvisioningException {
        if (TransportKeyRule.originFor(portArgs) == KekOrigin.SIMULATED_VENDOR) {
            SimulatedVendor.transportKek(dir, hsm, random, say);
        } else {
            select(hsm, dir, KekOrigin.PRODUCTION);
        }
    }

    /** Selects the KEK for boards needing {@code needed}; KEK_PRODUCTION_MISSING on real ports without the ceremony. */
    public static TransportKek select(Pkcs11Station hsm, DataDir dir, KekOrigin needed) throws ProvisioningException {
        Optional<KekFacts> found = hsm.keks().find(needed);
        if (needed == KekOrigin.PRODUCTION && found.isPresent() && found.get().how() == null
                && Files.exists(dir.simulatorKek())) {
            throw new ProvisioningException(ErrorCode.KEK_PRODUCTION_MISSING, "the token's transport KEK '"
                    + found.get().label() + "' was made by an earlier demo of this data directory, not by a ceremony;"
                    + " retire it with 'hallmark kek retire' and import the production KEK");
        }
        TransportKek kek = TransportKeyRule.require(needed, found.map(KekFacts::identity), hsm.tokenLabel());
        hsm.keyStore().useTransportKek(kek);
        return kek;
    }
}
