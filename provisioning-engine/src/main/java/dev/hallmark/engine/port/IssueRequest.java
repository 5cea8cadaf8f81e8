package dev.hallmark.engine.port;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProductProfile;
import javax.security.auth.x500.X500Principal;

/**
 * A request for a device identity certificate.
 *
 * @param csrDer       the PKCS#10 request, DER, signed by the device key
 * @param serial       the unit's serial, the certificate subject's CN and serialNumber
 * @param uid          the hardware UID, carried as a URI SAN
 * @param deviceSigner signs with the device key during the request (proof of possession), or null
 * @param subject      the certificate's subject, rendered from the profile's template; CAs issue it as is
 */
public record IssueRequest(byte[] csrDer, String serial, DeviceUid uid, ProductProfile profile,
                           DeviceSigner deviceSigner, X500Principal subject) {

    /** A request for a unit outside any lot, with the profile's subject. */
    public IssueRequest(byte[] csrDer, String serial, DeviceUid uid, ProductProfile profile,
                        DeviceSigner deviceSigner) {
        this(csrDer, serial, uid, profile, deviceSigner, profile.subjectOf(serial, null));
    }

    /** A request without access to the device key (the CSR's signature is the only proof of possession). */
    public IssueRequest(byte[] csrDer, String serial, DeviceUid uid, ProductProfile profile) {
        this(csrDer, serial, uid, profile, null);
    }
}
