package dev.hallmark.db.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.db.conformity.JdbcUnitSecrets;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitSecretRecords.WrappedSecret;
import java.io.IOException;
import java.io.Writer;
import javax.sql.DataSource;

/**
 * The customer's export of a lot's unit secrets: one JSON line {@code {"serial", "uid", "wrapped"}} per PASS unit
 * whose secret was wrapped for the customer's key (base64 of the ECIES form, docs/conformity.md). Only the holder of
 * the customer's private key can read them; the station holds no clear secret to export.
 */
final class SecretsExport {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private SecretsExport() {
    }

    static long write(DataSource source, String lot, Writer out) throws ProvisioningException, IOException {
        if (lot == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the secrets export is per lot: add --lot L");
        }
        long count = 0;
        for (WrappedSecret secret : new JdbcUnitSecrets(source).wrapped(lot)) {
            ObjectNode line = JSON.createObjectNode();
            line.put("serial", secret.serial());
            line.put("uid", secret.uid());
            line.put("wrapped", secret.wrapped());
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            count++;
        }
        return count;
    }
}
