package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.TransportKek;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.StepEvent;
import dev.hallmark.engine.port.StepStatus;
import dev.hallmark.engine.port.UnitRecord;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides which transport KEK a lot may use. Simulated boards (a {@code sim:} port, or the demo's in-process boards)
 * take the simulated vendor KEK; every other port is a real line and needs a production KEK from the ceremony, and
 * is refused before the first unit without one. A lot never mixes the two: its first wrapped unit fixes the kind.
 */
public final class TransportKeyRule {

    /** Prefix of a fixture argument that names a simulated board on a pseudo-terminal. */
    public static final String SIM_PREFIX = "sim:";

    private TransportKeyRule() {
    }

    /** Whether a fixture argument declares a simulated board. */
    public static boolean simulated(String portArg) {
        return portArg.startsWith(SIM_PREFIX);
    }

    /** The port path a fixture argument names, without its {@code sim:} prefix. */
    public static String portOf(String portArg) {
        return simulated(portArg) ? portArg.substring(SIM_PREFIX.length()) : portArg;
    }

    /** The KEK kind these ports need; KEK_MIXED when simulated and real ports are asked for in one lot. */
    public static KekOrigin originFor(Collection<String> portArgs) throws ProvisioningException {
        long sim = portArgs.stream().filter(TransportKeyRule::simulated).count();
        if (sim > 0 && sim < portArgs.size()) {
            throw new ProvisioningException(ErrorCode.KEK_MIXED, "the fixtures mix simulated boards (sim:) and real"
                    + " ports; one lot runs under one kind of transport KEK");
        }
        return sim > 0 ? KekOrigin.SIMULATED_VENDOR : KekOrigin.PRODUCTION;
    }

    /** The KEK to use, or KEK_PRODUCTION_MISSING when real ports find no production KEK in the token. */
    public static TransportKek require(KekOrigin needed, Optional<TransportKek> inToken, String tokenLabel)
            throws ProvisioningException {
        if (inToken.isPresent() && inToken.get().origin() == needed) {
            return inToken.get();
        }
        if (needed == KekOrigin.PRODUCTION) {
            throw new ProvisioningException(ErrorCode.KEK_PRODUCTION_MISSING, "no production transport KEK in HSM token '"
                    + tokenLabel + "'; nothing was provisioned");
        }
        throw new ProvisioningException(ErrorCode.HSM_KEY_MISSING, "no simulated vendor KEK in HSM token '"
                + tokenLabel + "'");
    }

    /**
     * KEK_MIXED if units of {@code lot} were already wrapped under the other kind of KEK. Looks at the lot's units
     * until the first one whose INSTALL evidence names a KEK origin (the first wrapped unit fixed it for the lot).
     */
    public static void requireSameAsLot(AuditStore store, String lot, TransportKek kek) throws ProvisioningException {
        for (UnitRecord unit : store.units(lot)) {
            Optional<KekOrigin> earlier = installOrigin(store, unit.id());
            if (earlier.isPresent()) {
                if (earlier.get() != kek.origin()) {
                    throw new ProvisioningException(ErrorCode.KEK_MIXED, "lot '" + lot + "' was provisioned under a "
                            + earlier.get().evidenceName() + " transport KEK; it cannot continue under a "
                            + kek.origin().evidenceName() + " one");
                }
                return;
            }
        }
    }

    private static Optional<KekOrigin> installOrigin(AuditStore store, long unitId) throws ProvisioningException {
        for (StepEvent e : store.events(unitId)) {
            if (e.step() == Step.INSTALL && e.status() == StepStatus.DONE) {
                Optional<KekOrigin> o = TransportKek.originIn(e.detail());
                if (o.isPresent()) {
                    return o;
                }
            }
        }
        return Optional.empty();
    }
}
