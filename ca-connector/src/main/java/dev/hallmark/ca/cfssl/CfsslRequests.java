package dev.hallmark.ca.cfssl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.IssueRequest;
import java.util.Base64;

/**
 * The bodies cfssl's signing API takes. A sign request is
 * {@code {"certificate_request": PEM, "profile": ..., "hosts": [...], "subject": {"CN", "SerialNumber", "names": [{"O"}]}}};
 * {@code /authsign} wraps it as {@code {"token": base64(HMAC-SHA256(key, request)), "request": base64(request)}},
 * the HMAC taken over exactly the bytes that are base64-encoded.
 */
final class CfsslRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CfsslRequests() {
    }

    /**
     * The sign request for a unit. The subject is stated explicitly (cfssl otherwise copies it from the
     * CSR); the URI SAN goes in {@code hosts}, because cfssl drops the CSR's URI SANs. cfssl 2016 makes
     * every host that is not an IP or e-mail address a DNS name, so the engine rejects what it issues.
     */
    /** cfssl's names for the subject attributes it takes in {@code names}. */
    private static final java.util.Map<org.bouncycastle.asn1.ASN1ObjectIdentifier, String> CFSSL_NAMES = java.util.Map.of(
            BCStyle.O, "O", BCStyle.OU, "OU", BCStyle.L, "L", BCStyle.ST, "ST", BCStyle.C, "C");

    static byte[] signRequest(IssueRequest request, String profile) {
        ObjectNode body = JSON.createObjectNode();
        body.put("certificate_request", Pem.encode("CERTIFICATE REQUEST", request.csrDer()));
        body.put("profile", profile);
        body.putArray("hosts").add(request.profile().uidUri(request.uid()));
        ObjectNode subject = body.putObject("subject");
        ObjectNode names = subject.putArray("names").addObject();
        X500Name name = X500Name.getInstance(request.subject().getEncoded());
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String value = IETFUtils.valueToString(atv.getValue());
                String key = CFSSL_NAMES.get(atv.getType());
                if (atv.getType().equals(BCStyle.CN)) {
                    subject.put("CN", value);
                } else if (atv.getType().equals(BCStyle.SERIALNUMBER)) {
                    subject.put("SerialNumber", value);
                } else if (key != null) {
                    names.put(key, value);
                }
            }
        }
        return bytes(body);
    }

    /** The {@code /authsign} envelope around a sign request. */
    static byte[] authenticated(byte[] signRequest, HmacKey key) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode body = JSON.createObjectNode();
        body.put("token", base64.encodeToString(key.sign(signRequest)));
        body.put("request", base64.encodeToString(signRequest));
        return bytes(body);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings cannot fail to serialise", e);
        }
    }
}
