package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.testkit.fake.FakeIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** cfssl's answers, good and malformed, and the error codes they map to. */
class CfsslReplyTest {

    static final URI CA = URI.create("http://ca.test:8888");
    static final X509Certificate CERT = new FakeIssuer(Clock.systemUTC()).caChain().get(0);

    static String success(String certificateJson) {
        return "{\"success\":true,\"result\":{\"certificate\":" + certificateJson + "},\"errors\":[],\"messages\":[]}";
    }

    static String failure(int code, String message) {
        return "{\"success\":false,\"result\":null,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[]}";
    }

    static X509Certificate parse(int status, String body) throws ProvisioningException {
        return CfsslReply.certificate(status, body.getBytes(StandardCharsets.UTF_8), CA, "device");
    }

    static ProvisioningException failing(int status, String body) {
        return catchThrowableOfType(ProvisioningException.class, () -> parse(status, body));
    }

    @Test
    void aSuccessfulReplyYieldsItsCertificate() throws ProvisioningException {
        String pem = Pem.certificate(CERT).replace("\n", "\\n");

        assertThat(parse(200, success("\"" + pem + "\""))).isEqualTo(CERT);
    }

    @Test
    void aBodyThatIsNotJsonIsAProtocolError() {
        ProvisioningException e = failing(200, "<html>hello</html>");

        assertThat(e.code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        assertThat(e.getMessage()).isEqualTo("the cfssl CA at http://ca.test:8888 answered with a body that is not cfssl's JSON");
        assertThat(e.rawDetail()).isEqualTo("HTTP 200, <html>hello</html>");
    }

    @Test
    void emptyTruncatedAndNonObjectBodiesAreProtocolErrors() {
        for (String body : new String[] {"", "{\"success\":true,\"result\":{\"certif", "[1,2]", "null", "42"}) {
            assertThat(failing(200, body).code()).as(body).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        }
    }

    @Test
    void successWithoutACertificateOrWithoutASuccessFieldIsAProtocolError() {
        for (String body : new String[] {"{\"success\":true,\"result\":{}}", "{\"success\":true}", success("42"),
                success("null"), "{\"result\":{\"certificate\":\"x\"}}"}) {
            assertThat(failing(200, body).code()).as(body).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        }
    }

    @Test
    void aCertificateThatIsNotPemOrCannotBeParsedIsAProtocolError() {
        assertThat(failing(200, success("\"MIIBwzCCAWmgAwIBAgIU\"")).getMessage()).endsWith("sent no PEM certificate");
        ProvisioningException e = failing(200,
                success("\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n\""));
        assertThat(e.code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        assertThat(e.getMessage()).endsWith("sent a certificate that cannot be parsed");
    }

    @Test
    void twoCertificatesWhereOneIsExpectedIsAProtocolError() {
        String two = (Pem.certificate(CERT) + Pem.certificate(CERT)).replace("\n", "\\n");

        assertThat(failing(200, success("\"" + two + "\"")).getMessage()).contains("sent 2 certificates");
    }

    @Test
    void cfsslsInvalidTokenIsAnAuthenticationFailure() {
        ProvisioningException e = failing(400, failure(400, "invalid token"));

        assertThat(e.code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
        assertThat(e.rawDetail()).isEqualTo("HTTP 400, cfssl 400: invalid token");
        assertThat(failing(400, failure(400, "authentication required")).code())
                .isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
    }

    @Test
    void httpUnauthorizedAndForbiddenAreAuthenticationFailures() {
        assertThat(failing(401, "").code()).isEqualTo(ErrorCode.CA_AUTHENTICATION_FAILED);
        assertThat(failing(403, "forbidden").rawDetail()).isEqualTo("HTTP 403, forbidden");
    }

    @Test
    void otherRefusalsAreRejectionsWithCfsslsCodeAndMessage() {
        ProvisioningException e = failing(400, failure(9002, "CSR Decode failed"));

        assertThat(e.code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
        assertThat(e.getMessage()).isEqualTo("the cfssl CA at http://ca.test:8888 refused the request for profile 'device'");
        assertThat(e.rawDetail()).isEqualTo("HTTP 400, cfssl 9002: CSR Decode failed");
        assertThat(failing(200, failure(5200, "Invalid or unknown policy")).code())
                .isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
        assertThat(failing(413, "too large").code()).isEqualTo(ErrorCode.CA_REQUEST_REJECTED);
    }

    @Test
    void notFoundAndServerErrorsMeanTheCaWasNotReached() {
        ProvisioningException notFound = failing(404, "404 page not found\n");
        assertThat(notFound.code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        assertThat(notFound.rawDetail()).isEqualTo("HTTP 404, 404 page not found");
        assertThat(failing(500, failure(500, "boom")).code()).isEqualTo(ErrorCode.CA_UNAVAILABLE);
        assertThat(failing(503, "").rawDetail()).isEqualTo("HTTP 503");
    }

    @Test
    void anUnexpectedStatusIsAProtocolError() {
        assertThat(failing(302, "").code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
        assertThat(failing(204, "").code()).isEqualTo(ErrorCode.CA_PROTOCOL_ERROR);
    }

    @Test
    void longOrControlCharacterBodiesAreClippedForTheLog() {
        ProvisioningException e = failing(502, "x".repeat(5000) + "\u0000\n");

        assertThat(e.rawDetail()).hasSizeLessThanOrEqualTo(303).doesNotContain("\n").endsWith("...");
    }
}
