package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import dev.hallmark.engine.port.KeyHandle;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * What the engine checks on every certificate a CA returns, whichever CA it is: the key is the device's,
 * the chain validates to the pinned trust anchor, and the contents match the profile.
 */
final class CertificateChecks {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int SAN_URI = 6;
    private static final int DIGITAL_SIGNATURE = 0;
    /** How far a CA's notAfter may stray from now + the profile's validity (clock skew, backdating, rounding). */
    private static final Duration VALIDITY_TOLERANCE = Duration.ofHours(1);

    private final X509Certificate trustAnchor;

    CertificateChecks(X509Certificate trustAnchor) {
        this.trustAnchor = trustAnchor;
    }

    void verify(IssuedCertificate issued, KeyHandle key, IssueRequest request, Instant now)
            throws ProvisioningException {
        X509Certificate leaf = issued.leaf();
        require(Pem.samePublicKey(leaf, key.publicKey()),
                "the certificate carries another public key than the device's");
        validateChain(issued, now);
        X500Name expected = X500Name.getInstance(request.subject().getEncoded());
        X500Name actual = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        require(attributes(actual).equals(attributes(expected)),
                "the certificate subject is " + actual + ", the unit's is " + expected);
        require(hasUri(leaf, request.profile().uidUri(request.uid())),
                "the certificate lacks the URI SAN " + request.profile().uidUri(request.uid()));
        require(hasClientAuth(leaf), "the certificate lacks the clientAuth extended key usage");
        boolean[] usage = leaf.getKeyUsage();
        require(usage != null && usage[DIGITAL_SIGNATURE], "the certificate's key usage lacks digitalSignature");
        require(leaf.getBasicConstraints() < 0, "the device certificate is marked as a CA");
        require(!now.isBefore(leaf.getNotBefore().toInstant()) && !now.isAfter(leaf.getNotAfter().toInstant()),
                "the certificate is not valid now (" + leaf.getNotBefore() + " to " + leaf.getNotAfter() + ")");
        Instant expectedEnd = request.profile().notAfter(now);
        require(Duration.between(expectedEnd, leaf.getNotAfter().toInstant()).abs().compareTo(VALIDITY_TOLERANCE) <= 0,
                "the certificate expires " + leaf.getNotAfter().toInstant() + ", the profile asks for "
                        + (request.profile().noWellDefinedExpiry() ? "no well-defined expiry"
                                : request.profile().validity().toDays() + " days") + " (until about " + expectedEnd + ")");
    }

    /** A name's attributes as sorted "oid=value" strings: CAs differ in RDN order, not in what they certify. */
    private static List<String> attributes(X500Name name) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                out.add(atv.getType().getId() + "=" + IETFUtils.valueToString(atv.getValue()));
            }
        }
        Collections.sort(out);
        return out;
    }

    private void validateChain(IssuedCertificate issued, Instant now) throws ProvisioningException {
        List<X509Certificate> path = new ArrayList<>();
        path.add(issued.leaf());
        for (X509Certificate c : issued.chain()) {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                path.add(c);
            }
        }
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(trustAnchor, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID,
                    "the certificate does not chain to the station's trust anchor", e.getMessage(), e);
        }
    }

    private static boolean hasUri(X509Certificate leaf, String uri) throws ProvisioningException {
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            return names != null && names.stream()
                    .anyMatch(n -> ((Integer) n.get(0)) == SAN_URI && uri.equals(n.get(1)));
        } catch (java.security.cert.CertificateParsingException e) {
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID,
                    "the certificate's subject alternative names cannot be parsed", e.getMessage(), e);
        }
    }

    private static boolean hasClientAuth(X509Certificate leaf) throws ProvisioningException {
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            return eku != null && eku.contains(CLIENT_AUTH);
        } catch (java.security.cert.CertificateParsingException e) {
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID,
                    "the certificate's extended key usage cannot be parsed", e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String failure) throws ProvisioningException {
        if (!condition) {
            throw new ProvisioningException(ErrorCode.CA_CERTIFICATE_INVALID, failure);
        }
    }
}
