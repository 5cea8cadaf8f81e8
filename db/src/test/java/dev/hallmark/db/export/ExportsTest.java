package dev.hallmark.db.export;

import static dev.hallmark.db.testing.TestUnits.at;
import static dev.hallmark.db.testing.TestUnits.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.db.query.AuditFixture;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;
    private static AuditFixture db;
    private static ExportContext full;
    private static X509Certificate issuing;
    private static String l2Serial;
    private static long l1Pass;
    private static long l1Fail;
    private static long l2Pass;

    @BeforeAll
    static void fill() throws ProvisioningException {
        db = new AuditFixture(dir);
        l1Pass = db.pass("L1", "ST-01", at(1));
        l1Fail = db.fail("L1", "ST-01", at(2), Step.IDENTIFY, "no answer");
        long l2 = db.pass("L2", "ST-01", at(3));
        l2Pass = l2;
        l2Serial = db.store().unit(l2).orElseThrow().serial();
        var secrets = new dev.hallmark.db.conformity.JdbcUnitSecrets(db.source());
        secrets.record(l1Pass, "$pbkdf2-sha256$i=10000$first$try", "d3JhcHBlZC1maXJzdA==", at(1));
        secrets.record(l1Pass, "$pbkdf2-sha256$i=10000$second$try", "d3JhcHBlZC1zZWNvbmQ=", at(2));
        secrets.record(l1Fail, "$pbkdf2-sha256$i=10000$failed$unit", "d3JhcHBlZC1mYWlsZWQ=", at(2));
        secrets.record(l2, "$pbkdf2-sha256$i=10000$other$lot", "d3JhcHBlZC1vdGhlcg==", at(3));
        SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
        issuing = certificate("Hallmark issuing CA");
        full = ExportContext.of(CLOCK).withCaChain(List.of(issuing, certificate("Hallmark root CA")))
                .withSigner(JwsSigner.of(keys, keys.generate(KeySpec.EC_P256, "station",
                        KeyPolicy.TOKEN_NON_EXTRACTABLE)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void formatsAreNamedAsTheCliNamesThem() throws ProvisioningException {
        assertThat(ExportFormat.parse("csv")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.parse(" JSONL ")).isEqualTo(ExportFormat.JSONL);
        assertThat(List.of(ExportFormat.values())).extracting(ExportFormat::cliName)
                .containsExactly("csv", "jsonl", "pem", "manifest", "aws", "secrets");
        assertThatThrownBy(() -> ExportFormat.parse("xml")).isInstanceOfSatisfying(ProvisioningException.class,
                e -> assertThat(e.getMessage()).contains("csv|jsonl|pem|manifest|aws|secrets"));
    }

    @Test
    void everyFormatWritesTheLotOnlyAndCountsItsUnits() throws Exception {
        Map<ExportFormat, Long> expected = new EnumMap<>(Map.of(ExportFormat.CSV, 2L, ExportFormat.JSONL, 2L,
                ExportFormat.PEM, 1L, ExportFormat.MANIFEST, 1L, ExportFormat.AWS, 1L, ExportFormat.SECRETS, 1L));
        for (ExportFormat format : ExportFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            long units = Exports.write(format, db.source(), "L1", full, out);

            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(units).as(format.cliName()).isEqualTo(expected.get(format));
            assertThat(text).as(format.cliName()).isNotEmpty().doesNotContain(l2Serial);
        }
    }

    @Test
    void theSecretsExportHasTheLatestWrappedSecretOfEachPassUnitOfTheLotOnly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(Exports.write(ExportFormat.SECRETS, db.source(), "L1", full, out)).isEqualTo(1);

        var line = JSON.readTree(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
        var unit = db.store().unit(l1Pass).orElseThrow();
        assertThat(line.get("serial").asText()).isEqualTo(unit.serial());
        assertThat(line.get("uid").asText()).isEqualTo(unit.uid());
        assertThat(line.get("wrapped").asText()).isEqualTo("d3JhcHBlZC1zZWNvbmQ=");
        assertThat(new dev.hallmark.db.conformity.JdbcUnitSecrets(db.source()).verifier(l1Pass))
                .contains("$pbkdf2-sha256$i=10000$second$try");
        assertThatThrownBy(() -> Exports.write(ExportFormat.SECRETS, db.source(), null, full, out))
                .isInstanceOf(ProvisioningException.class).hasMessageContaining("--lot");
    }

    @Test
    void withoutALotEveryLotIsWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(Exports.write(ExportFormat.MANIFEST, db.source(), null, full, out)).isEqualTo(2);
        assertThat(JSON.readTree(out.toByteArray()).get("entries")).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(l2Serial);
    }

    @Test
    void pemAndAwsNeedTheChainAndTheManifestTheSignerBeforeAnythingIsWritten() {
        ExportContext bare = ExportContext.of(CLOCK);
        for (ExportFormat format : List.of(ExportFormat.PEM, ExportFormat.AWS, ExportFormat.MANIFEST)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            assertThatThrownBy(() -> Exports.write(format, db.source(), "L1", bare, out))
                    .isInstanceOfSatisfying(ProvisioningException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
            assertThat(out.size()).as(format.cliName()).isZero();
        }
    }

    @Test
    void csvAndJsonlNeedOnlyTheClock() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(Exports.write(ExportFormat.JSONL, db.source(), "L2", ExportContext.of(CLOCK), out)).isEqualTo(1);
        assertThat(JSON.readTree(out.toByteArray()).get("serial").asText()).isEqualTo(l2Serial);
    }

    @Test
    void theOutputIsUtf8AndThePemBundleParses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Exports.write(ExportFormat.PEM, db.source(), null, full, out);

        assertThat(Pem.parseCertificates(out.toByteArray())).hasSize(4).contains(issuing);
    }

    @Test
    void aStreamThatCannotBeWrittenIsNamedPlainly() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        assertThatThrownBy(() -> Exports.write(ExportFormat.CSV, db.source(), null, full, broken))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_UNUSABLE);
                    assertThat(e.getMessage()).isEqualTo("the audit export could not be written");
                });
    }
}
