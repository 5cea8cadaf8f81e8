package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ProvisioningException;

/** Carries one DER-encoded CMP request to the CA and returns its DER-encoded reply. */
interface CmpTransport {

    /**
     * Sends the request and returns the reply. Throws {@code CA_UNAVAILABLE} when the CA was not reached (nothing
     * was delivered) and {@code CA_NO_ANSWER} when the request may have been delivered but no reply came in time.
     */
    byte[] post(byte[] request) throws ProvisioningException;
}
