package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Optional capability of a {@link CertificateIssuer}: saying what it issued for a request, so a station that stopped
 * between the CA's answer and its own record can find the certificate again after a restart (docs/decisions/0020).
 * A request is named by the SHA-256 of its PKCS#10 encoding (lower-case hex), which the station made durable as
 * its intent to issue before the request left.
 */
public interface IssuedLookup {

    /** The certificates issued for the request with this CSR SHA-256, oldest first; empty when none was. */
    List<X509Certificate> issuedFor(String csrSha256) throws ProvisioningException;
}
