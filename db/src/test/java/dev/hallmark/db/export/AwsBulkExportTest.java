package dev.hallmark.db.export;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.db.query.AuditFixture;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitRecord;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsBulkExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void oneJsonLinePerPassedUnitWithEveryTemplateParameter() throws Exception {
        X509Certificate issuing = certificate("Hallmark issuing CA");
        StringWriter out = new StringWriter();
        List<UnitRecord> passed = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        try (AuditFixture db = new AuditFixture(dir)) {
            long a = db.pass("L1", "ST-01", at(1));
            db.fail("L1", "ST-01", at(2), Step.ISSUE, "CA refused");
            long b = db.pass("L1", "ST-02", at(3));
            db.pass("L2", "ST-01", at(4));
            for (long id : List.of(a, b)) {
                passed.add(db.store().unit(id).orElseThrow());
                certs.add(db.certificateOf(id));
            }

            assertThat(AwsBulkExport.write(db.source(), "L1", List.of(issuing, certificate("root")), out))
                    .isEqualTo(2);
        }

        String[] lines = out.toString().split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        for (int i = 0; i < 2; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            List<String> keys = new ArrayList<>();
            line.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isEqualTo(AwsBulkExport.PARAMETERS);
            assertThat(line.get("ThingName").asText()).isEqualTo(passed.get(i).serial());
            assertThat(line.get("SerialNumber").asText()).isEqualTo(passed.get(i).serial());
            assertThat(line.get("DeviceUid").asText()).isEqualTo(passed.get(i).uid());
            assertThat(line.get("Lot").asText()).isEqualTo("L1");
            assertThat(Pem.parseCertificates(line.get("CertificatePem").asText().getBytes(StandardCharsets.US_ASCII)))
                    .containsExactly(certs.get(i));
            assertThat(Pem.parseCertificates(line.get("CACertificatePem").asText()
                    .getBytes(StandardCharsets.US_ASCII))).containsExactly(issuing);
            assertThat(lines[i]).doesNotContain("\n");
        }
    }

    @Test
    void theTemplateDeclaresExactlyTheParametersTheLinesSetAndRefersOnlyToThem() throws Exception {
        JsonNode template = JSON.readTree(AwsBulkExport.template());
        Set<String> declared = new HashSet<>();
        template.get("Parameters").fieldNames().forEachRemaining(declared::add);
        List<String> refs = new ArrayList<>();
        collectRefs(template.get("Resources"), refs);

        assertThat(declared).containsExactlyInAnyOrderElementsOf(AwsBulkExport.PARAMETERS);
        assertThat(refs).isNotEmpty().allSatisfy(r -> assertThat(declared).contains(r));
        assertThat(new HashSet<>(refs)).containsExactlyInAnyOrderElementsOf(declared);
        JsonNode certificate = template.get("Resources").get("certificate");
        assertThat(certificate.get("Type").asText()).isEqualTo("AWS::IoT::Certificate");
        assertThat(template.get("Resources").get("thing").get("Type").asText()).isEqualTo("AWS::IoT::Thing");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            if (node.has("Ref")) {
                refs.add(node.get("Ref").asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, refs));
        }
    }
}
