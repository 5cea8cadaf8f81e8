package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;

/**
 * Signs with a unit's device key where it lives (station HSM or the device's token), in the JCA encoding of
 * the profile key spec's signature algorithm; lent to a CA connector for the duration of one request (a CMP
 * proof of possession).
 */
@FunctionalInterface
public interface DeviceSigner {

    byte[] sign(byte[] data) throws ProvisioningException;
}
