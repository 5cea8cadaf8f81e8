package dev.hallmark.ca.cfssl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    static byte[] signRequest(IssueRequest request, String profile) {
        ObjectNode body = JSON.createObjectNode();
        body.put("certificate_request", Pem.encode("CERTIFICATE REQUEST", request.csrDer()));
        body.put("profile", profile);
        body.putArray("hosts").add(request.profile().uidUri(request.uid()));
        ObjectNode subject = body.putObject("subject");
        subject.put("CN", request.serial());
        subject.put("SerialNumber", request.serial());
        subject.putArray("names").addObject().put("O", request.profile().organization());
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
