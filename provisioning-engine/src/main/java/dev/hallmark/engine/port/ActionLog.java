package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.util.List;

/** The append-only, hash-chained log of what people did at the station and when. */
public interface ActionLog {

    /** Appends one action at the head of the chain and returns it as stored. */
    ChainedAction append(ActionRecord action) throws ProvisioningException;

    /** Every action, oldest first. */
    List<ChainedAction> all() throws ProvisioningException;
}
