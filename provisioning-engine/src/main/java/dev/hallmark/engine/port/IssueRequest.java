package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProductProfile;

/**
 * A request for a device identity certificate.
 *
 * @param csrDer       the PKCS#10 request, DER, signed by the device key
 * @param serial       the unit's serial, the certificate subject's CN and serialNumber
 * @param uid          the hardware UID, carried as a URI SAN
 * @param deviceSigner signs with the device key during the request (proof of possession), or null
 */
public record IssueRequest(byte[] csrDer, String serial, DeviceUid uid, ProductProfile profile,
                           DeviceSigner deviceSigner) {

    /** A request without access to the device key (the CSR's signature is the only proof of possession). */
    public IssueRequest(byte[] csrDer, String serial, DeviceUid uid, ProductProfile profile) {
        this(csrDer, serial, uid, profile, null);
    }
}
