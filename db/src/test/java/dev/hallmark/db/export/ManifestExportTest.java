package dev.hallmark.db.export;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.db.query.AuditFixture;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestExportTest {

    private static final Instant CREATED = Instant.parse("2026-03-03T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private SoftwareKeyStore keys;
    private KeyHandle stationKey;

    @BeforeEach
    void stationKey() throws ProvisioningException {
        keys = new SoftwareKeyStore(new SecureRandom());
        stationKey = keys.generate(KeySpec.EC_P256, "station-ST-01", KeyPolicy.TOKEN_NON_EXTRACTABLE);
    }

    @Test
    void everyEntryAndTheWholeVerifyWithTheStationKey() throws Exception {
        StringWriter out = new StringWriter();
        List<Long> passed = new ArrayList<>();
        List<String> certificates = new ArrayList<>();
        try (AuditFixture db = new AuditFixture(dir)) {
            passed.add(db.pass("L1", "ST-01", at(1)));
            db.fail("L1", "ST-01", at(2), Step.IDENTIFY, "no answer");
            passed.add(db.pass("L1", "ST-02", at(3)));
            db.pass("L2", "ST-01", at(4));
            for (long id : passed) {
                certificates.add(Pem.sha256(db.certificateOf(id)));
            }

            long entries = ManifestExport.write(db.source(), "L1", JwsSigner.of(keys, stationKey), CREATED, out);
            assertThat(entries).isEqualTo(2);

            JsonNode manifest = JSON.readTree(out.toString());
            assertThat(manifest.get("format").asText()).isEqualTo("hallmark-lot-manifest");
            assertThat(manifest.get("version").asInt()).isEqualTo(1);
            assertThat(manifest.get("lot").asText()).isEqualTo("L1");
            assertThat(manifest.get("created").asText()).isEqualTo("2026-03-03T10:00:00Z");
            JsonNode signer = manifest.get("signer");
            ECPublicKey key = JwsCheck.publicKey(signer.get("jwk"));
            assertThat(key.getW()).isEqualTo(((ECPublicKey) stationKey.publicKey()).getW());
            assertThat(signer.get("kid").asText()).isEqualTo(JwsCheck.thumbprint(signer.get("jwk")));
            assertThat(signer.has("x5c")).isFalse();

            JsonNode list = manifest.get("entries");
            assertThat(list).hasSize(2);
            MessageDigest running = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                String jws = entry.get("jws").asText();
                running.update((jws + "\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(JwsCheck.verifies(jws, key)).isTrue();
                assertThat(JwsCheck.header(jws).get("alg").asText()).isEqualTo("ES256");
                assertThat(JwsCheck.header(jws).get("kid").asText()).isEqualTo(signer.get("kid").asText());
                JsonNode payload = JwsCheck.payload(jws);
                var unit = db.store().unit(passed.get(i)).orElseThrow();
                assertThat(payload.get("serial").asText()).isEqualTo(unit.serial()).isEqualTo(entry.get("serial")
                        .asText());
                assertThat(payload.get("uid").asText()).isEqualTo(unit.uid()).isEqualTo(entry.get("uid").asText());
                assertThat(payload.get("result").asText()).isEqualTo("PASS");
                assertThat(payload.get("lot").asText()).isEqualTo("L1");
                byte[] der = Base64.getDecoder().decode(payload.get("certificate").get("der").asText());
                assertThat(Pem.parseCertificate(der)).isEqualTo(db.certificateOf(passed.get(i)));
                assertThat(payload.get("certificate").get("sha256").asText()).isEqualTo(certificates.get(i));
                assertThat(payload.get("lock_evidence").get("locked").asBoolean()).isTrue();
                assertThat(payload.get("lock_evidence").get("level").asText()).isEqualTo("READOUT_PROTECTED");
                assertThat(payload.get("lock_evidence").get("observations")).hasSize(2);
            }
            String digest = HexFormat.of().formatHex(running.digest());
            assertThat(manifest.get("entry_count").asLong()).isEqualTo(2);
            assertThat(manifest.get("entries_sha256").asText()).isEqualTo(digest);
            String signature = manifest.get("signature").asText();
            assertThat(JwsCheck.verifies(signature, key)).isTrue();
            JsonNode summary = JwsCheck.payload(signature);
            assertThat(summary.get("entries_sha256").asText()).isEqualTo(digest);
            assertThat(summary.get("entry_count").asLong()).isEqualTo(2);
            assertThat(summary.get("lot").asText()).isEqualTo("L1");
            assertThat(summary.get("created").asText()).isEqualTo("2026-03-03T10:00:00Z");
            assertThat(summary.get("kid").asText()).isEqualTo(signer.get("kid").asText());
        }
    }

    @Test
    void anEditedEntryNoLongerVerifies() throws Exception {
        StringWriter out = new StringWriter();
        try (AuditFixture db = new AuditFixture(dir)) {
            db.pass("L1", "ST-01", at(1));
            ManifestExport.write(db.source(), "L1", JwsSigner.of(keys, stationKey), CREATED, out);
        }
        JsonNode manifest = JSON.readTree(out.toString());
        ECPublicKey key = JwsCheck.publicKey(manifest.get("signer").get("jwk"));
        String jws = manifest.get("entries").get(0).get("jws").asText();
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"PASS\"", "\"PASS \"");
        String edited = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(JwsCheck.verifies(jws, key)).isTrue();
        assertThat(JwsCheck.verifies(edited, key)).isFalse();
    }

    @Test
    void namesTheStationCertificateChainWhenGiven() throws Exception {
        StringWriter out = new StringWriter();
        var stationCert = certificate("station ST-01");
        try (AuditFixture db = new AuditFixture(dir)) {
            ManifestExport.write(db.source(), null, JwsSigner.of(keys, stationKey)
                    .withCertificateChain(List.of(stationCert)), CREATED, out);
        }
        JsonNode manifest = JSON.readTree(out.toString());

        assertThat(manifest.get("lot").isNull()).isTrue();
        assertThat(manifest.get("entries")).isEmpty();
        assertThat(manifest.get("signer").get("x5c").get(0).asText())
                .isEqualTo(Base64.getEncoder().encodeToString(stationCert.getEncoded()));
    }

    @Test
    void aTokenSignatureThatDoesNotVerifyStopsTheExport() throws Exception {
        try (AuditFixture db = new AuditFixture(dir)) {
            db.pass("L1", "ST-01", at(1));
            keys.corruptNextSign();

            assertThatThrownBy(() -> ManifestExport.write(db.source(), "L1", JwsSigner.of(keys, stationKey), CREATED,
                    new StringWriter())).isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED));
        }
    }

    @Test
    void aCertificateThatNoLongerMatchesItsRecordedFingerprintIsRefused() throws Exception {
        try (AuditFixture db = new AuditFixture(dir)) {
            long id = db.pass("L1", "ST-01", at(1));
            try (Connection c = db.source().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("update units set cert_sha256 = '" + "ab".repeat(32) + "' where id = " + id);
            }

            assertThatThrownBy(() -> ManifestExport.write(db.source(), "L1", JwsSigner.of(keys, stationKey), CREATED,
                    new StringWriter())).isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.getMessage()).contains("not the recorded " + "ab".repeat(32)));
        }
    }

    @Test
    void onlyAnEcP256KeyCanSign() throws Exception {
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        KeyHandle edKey = new KeyHandle("ed25519", "01", "t", KeySpec.EC_P256, KeyPolicy.TOKEN_NON_EXTRACTABLE,
                ed.generateKeyPair().getPublic());

        assertThatThrownBy(() -> JwsSigner.of(keys, edKey)).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }
}
