package dev.hallmark.app.station;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.workflow.TransportKeyRule;
import java.io.IOException;
import java.nio.file.Path;

/** A {@code sim:} fixture names a simulated board, and simulated boards live on pseudo-terminals only. */
public final class SimulatedPorts {

    private SimulatedPorts() {
    }

    /** CONFIG_INVALID if {@code portArg} is {@code sim:} but not a pseudo-terminal (a real adapter is never "sim"). */
    public static void requirePseudoTerminal(String portArg) throws ProvisioningException {
        if (!TransportKeyRule.simulated(portArg)) {
            return;
        }
        String path = TransportKeyRule.portOf(portArg);
        String real;
        try {
            real = Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            real = path;
        }
        if (!real.startsWith("/dev/pts/")) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "'" + portArg + "': sim: names a simulated board"
                    + " on a pseudo-terminal, and " + real + " is not one; name a real port without sim:");
        }
    }
}
