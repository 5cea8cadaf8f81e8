package dev.hallmark.db.export;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static dev.hallmark.db.testing.TestUnits.evidence;
import static dev.hallmark.db.testing.TestUnits.failed;
import static dev.hallmark.db.testing.TestUnits.passed;
import static dev.hallmark.db.testing.TestUnits.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlExportTest {

    private static final List<String> KEYS = List.of("unit_id", "serial", "uid", "chip_family", "result",
            "failed_step", "error_code", "cause", "certificate", "cert_sha256", "lot", "station", "fixture",
            "started", "finished", "lock_evidence", "reworked_at", "certificate_revoked");

    @TempDir
    Path dir;

    /** Streams through the cursor; the deprecated path through the store must write the same lines. */
    @Test
    @SuppressWarnings("deprecation")
    void exportParsesBackWithTheRecordedFields() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter throughTheStore = new StringWriter();
        X509Certificate cert;
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            JdbcAuditStore store = db.store();
            store.ensureLot("L1", "sensor-v2", at(0));
            store.ensureLot("L2", "sensor-v2", at(0));
            long good = store.begin("L1", "ST-01", "F1", at(1));
            String serial = store.claim(good, uid(1), "STM32F4", "HM");
            cert = certificate(serial);
            store.recordCertificate(good, cert);
            store.recordLockEvidence(good, evidence(true));
            store.finish(good, passed(serial, uid(1), Pem.sha256(cert)), at(9));
            long bad = store.begin("L1", "ST-01", "F2", at(2));
            store.finish(bad, failed(null, null, Step.IDENTIFY, ErrorCode.DEVICE_NOT_RESPONDING, "no \"ACK\""),
                    at(4));
            store.begin("L2", "ST-01", "F1", at(3));

            assertThat(JsonlExport.write(AuditDataSources.embedded(dir), "L1", out)).isEqualTo(2);
            JsonlExport.write(store, "L1", throughTheStore);
        }

        assertThat(throughTheStore).hasToString(out.toString());
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode pass = json.readTree(lines[0]);
        JsonNode fail = json.readTree(lines[1]);
        assertThat(keys(pass)).isEqualTo(KEYS);
        assertThat(keys(fail)).isEqualTo(KEYS);

        assertThat(pass.get("serial").asText()).isEqualTo("HM000001");
        assertThat(pass.get("uid").asText()).isEqualTo(uid(1).hex());
        assertThat(pass.get("chip_family").asText()).isEqualTo("STM32F4");
        assertThat(pass.get("result").asText()).isEqualTo("PASS");
        assertThat(pass.get("failed_step").isNull()).isTrue();
        assertThat(pass.get("error_code").isNull()).isTrue();
        assertThat(pass.get("reworked_at").isNull()).isTrue();
        assertThat(pass.get("certificate_revoked").asBoolean()).isFalse();
        assertThat(pass.get("certificate").asText()).isEqualTo(Pem.certificate(cert));
        assertThat(pass.get("cert_sha256").asText()).isEqualTo(Pem.sha256(cert));
        assertThat(pass.get("lot").asText()).isEqualTo("L1");
        assertThat(pass.get("station").asText()).isEqualTo("ST-01");
        assertThat(pass.get("fixture").asText()).isEqualTo("F1");
        assertThat(pass.get("started").asText()).isEqualTo("2026-03-02T08:15:31.123Z");
        assertThat(pass.get("finished").asText()).isEqualTo("2026-03-02T08:15:39.123Z");
        JsonNode lock = pass.get("lock_evidence");
        assertThat(lock.get("level").asText()).isEqualTo("READOUT_PROTECTED");
        assertThat(lock.get("locked").asBoolean()).isTrue();
        List<String> observations = new ArrayList<>();
        lock.get("observations").forEach(o -> observations.add(o.asText()));
        assertThat(observations).isEqualTo(evidence(true).observations());

        assertThat(fail.get("serial").isNull()).isTrue();
        assertThat(fail.get("result").asText()).isEqualTo("FAILED");
        assertThat(fail.get("failed_step").asText()).isEqualTo("IDENTIFY");
        assertThat(fail.get("error_code").asText()).isEqualTo("HM-301");
        assertThat(fail.get("cause").asText()).isEqualTo("no \"ACK\"");
        assertThat(fail.get("certificate").isNull()).isTrue();
        assertThat(fail.get("lock_evidence").isNull()).isTrue();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
