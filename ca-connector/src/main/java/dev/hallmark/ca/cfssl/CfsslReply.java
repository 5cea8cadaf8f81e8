package dev.hallmark.ca.cfssl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads cfssl's answer, {@code {"success": bool, "result": {"certificate": PEM}, "errors": [{"code", "message"}]}},
 * and maps what goes wrong to error codes: 401/403 and cfssl's token errors to CA_AUTHENTICATION_FAILED, other
 * refusals to CA_REQUEST_REJECTED with cfssl's own code and message, 404 and 5xx to CA_UNAVAILABLE (nothing
 * was signed), anything unreadable to CA_PROTOCOL_ERROR.
 */
final class CfsslReply {

    /** cfssl's messages for a request whose HMAC credentials are wrong or missing. */
    private static final List<String> AUTH_MESSAGES = List.of("invalid token", "authentication required");
    private static final int MAX_DETAIL = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CfsslReply() {
    }

    /** The certificate in a reply, or the error the reply stands for. */
    static X509Certificate certificate(int status, byte[] body, URI ca, String profile) throws ProvisioningException {
        if (status == 200) {
            JsonNode root = parse(body).orElseThrow(() -> new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR,
                    "the cfssl CA at " + ca + " answered with a body that is not cfssl's JSON", "HTTP 200, " + excerpt(body), null));
            if (root.path("success").asBoolean(false)) {
                return leaf(root.path("result").path("certificate"), ca);
            }
            if (!root.has("success")) {
                throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR,
                        "the cfssl CA at " + ca + " answered without saying whether it succeeded", "HTTP 200, " + excerpt(body), null);
            }
            throw refusal(status, root, ca, profile);
        }
        if (status == 401 || status == 403) {
            throw new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED,
                    "the cfssl CA at " + ca + " refused the station's credentials", detail(status, body), null);
        }
        if (status == 404) {
            throw new ProvisioningException(ErrorCode.CA_UNAVAILABLE, "the cfssl CA at " + ca
                    + " has no signing endpoint there (a wrong URL, or its CA key did not load)", detail(status, body), null);
        }
        if (status >= 500 && status <= 599) {
            throw new ProvisioningException(ErrorCode.CA_UNAVAILABLE,
                    "the cfssl CA at " + ca + " failed with a server error", detail(status, body), null);
        }
        if (status >= 400 && status <= 499) {
            Optional<JsonNode> root = parse(body);
            if (root.isPresent()) {
                throw refusal(status, root.get(), ca, profile);
            }
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED,
                    "the cfssl CA at " + ca + " refused the request for profile '" + profile + "'", detail(status, body), null);
        }
        throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR,
                "the cfssl CA at " + ca + " answered with an unexpected HTTP status", detail(status, body), null);
    }

    private static ProvisioningException refusal(int status, JsonNode root, URI ca, String profile) {
        List<String> errors = new ArrayList<>();
        boolean authentication = false;
        for (JsonNode error : root.path("errors")) {
            String message = error.path("message").asText("");
            errors.add("cfssl " + error.path("code").asText("?") + ": " + message);
            authentication |= AUTH_MESSAGES.contains(message);
        }
        String raw = clip("HTTP " + status + (errors.isEmpty() ? ", no cfssl error given" : ", " + String.join("; ", errors)));
        if (authentication) {
            return new ProvisioningException(ErrorCode.CA_AUTHENTICATION_FAILED,
                    "the cfssl CA at " + ca + " refused the station's HMAC key for profile '" + profile + "'", raw, null);
        }
        return new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED,
                "the cfssl CA at " + ca + " refused the request for profile '" + profile + "'", raw, null);
    }

    private static X509Certificate leaf(JsonNode certificate, URI ca) throws ProvisioningException {
        String pem = certificate.isTextual() ? certificate.asText() : "";
        if (!pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the cfssl CA at " + ca
                    + " reported success but sent no PEM certificate", clip("result.certificate: " + certificate), null);
        }
        try {
            List<X509Certificate> certificates = Pem.parseCertificates(pem.getBytes(StandardCharsets.US_ASCII));
            if (certificates.size() != 1) {
                throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR, "the cfssl CA at " + ca
                        + " sent " + certificates.size() + " certificates where one was expected");
            }
            return certificates.get(0);
        } catch (CertificateException | RuntimeException e) {
            throw new ProvisioningException(ErrorCode.CA_PROTOCOL_ERROR,
                    "the cfssl CA at " + ca + " sent a certificate that cannot be parsed", clip(String.valueOf(e.getMessage())), e);
        }
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String detail(int status, byte[] body) {
        return clip("HTTP " + status + (body.length == 0 ? "" : ", " + excerpt(body)));
    }

    /** The start of a body, printable characters only, for the log. */
    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_DETAIL), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static String clip(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
