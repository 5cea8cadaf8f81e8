package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;

/**
 * Takes the action log's head into the audit chain under a signed checkpoint now, instead of at the next provisioning
 * checkpoint (decision 0014's ACTIONS_ANCHORED, made immediate for security-relevant actions by decision 0018).
 */
@FunctionalInterface
public interface ActionAnchor {

    /** Anchors the action log's current head with a signed checkpoint of the station's chain. */
    void anchorNow() throws ProvisioningException;
}
