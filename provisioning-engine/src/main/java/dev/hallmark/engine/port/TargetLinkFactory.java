package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;

/** Opens the link to the device on a fixture. */
@FunctionalInterface
public interface TargetLinkFactory {

    TargetLink open(Fixture fixture) throws ProvisioningException;
}
