package dev.hallmark.db.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.db.query.UnitCursor;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.UnitResult;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input file of an AWS IoT bulk registration ({@code aws iot start-thing-registration-task}): newline-delimited
 * JSON, one object per PASS unit holding the values of the parameters of {@link #template()} — the thing named by
 * the serial, with serial, UID and lot as attributes, and the unit's certificate registered as issued by the
 * issuing CA (which must be registered with AWS IoT first).
 */
public final class AwsBulkExport {

    /** The parameters each line sets, in order; {@link #template()} declares exactly these. */
    public static final List<String> PARAMETERS = List.of("ThingName", "SerialNumber", "DeviceUid", "Lot",
            "CertificatePem", "CACertificatePem");

    private static final Logger LOG = LoggerFactory.getLogger(AwsBulkExport.class);
    private static final String TEMPLATE = "aws-bulk-registration-template.json";
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private AwsBulkExport() {
    }

    /** The provisioning template the lines are meant for (JSON, the {@code --template-body}). */
    public static String template() {
        try (InputStream in = AwsBulkExport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the AWS template " + TEMPLATE + " is missing from the db jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the AWS template could not be read from the db jar", e);
        }
    }

    /**
     * Writes one line per PASS unit of the lot (all lots when null); returns how many lines it wrote. The chain's
     * first certificate, the issuing CA, is every line's {@code CACertificatePem}.
     */
    public static long write(DataSource source, String lotOrNull, List<X509Certificate> caChain, Writer out)
            throws ProvisioningException, IOException {
        if (caChain.isEmpty()) {
            throw new IllegalArgumentException("the AWS lines name the issuing CA, and the CA chain is empty");
        }
        String issuingCa = Pem.certificate(caChain.get(0));
        UnitQuery passed = UnitQuery.builder().lot(lotOrNull).result(UnitResult.PASS).build();
        long[] missing = {0};
        long visited = UnitCursor.over(source, passed).forEach(audited -> {
            UnitRecord unit = audited.unit();
            if (unit.certificatePem() == null) {
                missing[0]++;
                return;
            }
            ObjectNode line = JSON.createObjectNode();
            line.put("ThingName", unit.serial());
            line.put("SerialNumber", unit.serial());
            line.put("DeviceUid", unit.uid());
            line.put("Lot", unit.lot());
            line.put("CertificatePem", unit.certificatePem());
            line.put("CACertificatePem", issuingCa);
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        });
        if (missing[0] > 0) {
            LOG.warn("{} PASS unit(s) have no recorded certificate and are not in the AWS lines", missing[0]);
        }
        return visited - missing[0];
    }
}
