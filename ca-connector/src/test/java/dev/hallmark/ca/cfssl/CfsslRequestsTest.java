package dev.hallmark.ca.cfssl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.engine.port.IssueRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/** The sign request and the /authsign envelope, byte for byte as cfssl verifies them. */
class CfsslRequestsTest {

    static final HmacKey KEY = HmacKey.of(HexFormat.of()
            .parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theSignRequestCarriesTheCsrAsPemTheProfileTheUidAsHostAndTheUnitsSubject() throws IOException {
        IssueRequest request = DeviceCsr.request(DeviceCsr.keyPair(), "T-000042");

        JsonNode body = json.readTree(CfsslRequests.signRequest(request, "device"));

        String pem = body.get("certificate_request").asText();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n").endsWith("-----END CERTIFICATE REQUEST-----\n");
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertThat(new PKCS10CertificationRequest(Base64.getDecoder().decode(base64)).getEncoded())
                .isEqualTo(request.csrDer());
        assertThat(body.get("profile").asText()).isEqualTo("device");
        assertThat(body.get("hosts")).hasSize(1);
        assertThat(body.get("hosts").get(0).asText()).isEqualTo("urn:hallmark:uid:stm32f4:0011223344556677889900aa");
        JsonNode subject = body.get("subject");
        assertThat(subject.get("CN").asText()).isEqualTo("T-000042");
        assertThat(subject.get("SerialNumber").asText()).isEqualTo("T-000042");
        assertThat(subject.get("names").get(0).get("O").asText()).isEqualTo("Hallmark Test Devices");
    }

    @Test
    void theEnvelopeCarriesTheRequestInBase64AndAnHmacSha256TokenOverExactlyThoseBytes() throws IOException {
        byte[] request = "{\"certificate_request\":\"x\",\"profile\":\"device\"}".getBytes(StandardCharsets.UTF_8);

        JsonNode envelope = json.readTree(CfsslRequests.authenticated(request, KEY));

        assertThat(envelope.size()).isEqualTo(2);
        // computed independently: python3 hmac.new(key, request, hashlib.sha256), base64
        assertThat(envelope.get("token").asText()).isEqualTo("xd4cWq1wFIId80hp9Dc2I/slhcDH7fb+fe0QMwlfo8Q=");
        assertThat(envelope.get("request").asText())
                .isEqualTo("eyJjZXJ0aWZpY2F0ZV9yZXF1ZXN0IjoieCIsInByb2ZpbGUiOiJkZXZpY2UifQ==");
    }

    @Test
    void theTokenChangesWithTheKeyAndWithTheRequest() throws IOException {
        byte[] request = CfsslRequests.signRequest(DeviceCsr.request(DeviceCsr.keyPair(), "T-1"), "device");
        HmacKey other = HmacKey.of(new byte[32]);

        String token = json.readTree(CfsslRequests.authenticated(request, KEY)).get("token").asText();
        String otherKey = json.readTree(CfsslRequests.authenticated(request, other)).get("token").asText();
        byte[] changed = request.clone();
        changed[changed.length - 3] ^= 1;
        String otherRequest = json.readTree(CfsslRequests.authenticated(changed, KEY)).get("token").asText();

        assertThat(Base64.getDecoder().decode(token)).hasSize(32);
        assertThat(token).isNotEqualTo(otherKey).isNotEqualTo(otherRequest);
        assertThat(json.readTree(CfsslRequests.authenticated(request, KEY)).get("request").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(request));
    }
}
