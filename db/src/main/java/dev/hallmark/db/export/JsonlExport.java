package dev.hallmark.db.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit record as JSON Lines: one object per unit, in the order units started, keys always in the
 * same order, absent values as JSON null, times as ISO-8601 UTC.
 */
public final class JsonlExport {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlExport.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonlExport() {
    }

    /** Writes every unit of the lot (all lots when null) to {@code out}, which is flushed but not closed. */
    public static void write(JdbcAuditStore store, String lotOrNull, Writer out) throws ProvisioningException {
        List<UnitRecord> units = store.units(lotOrNull);
        try {
            for (UnitRecord unit : units) {
                out.write(JSON.writeValueAsString(line(unit, store.lockEvidence(unit.id()))));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE,
                    "the audit export could not be written", e.getClass().getSimpleName(), e);
        }
        LOG.info("exported {} unit(s) of {}", units.size(), lotOrNull == null ? "all lots" : "lot " + lotOrNull);
    }

    /** The JSON object for one unit; the key order here is the export's stable order. */
    static ObjectNode line(UnitRecord unit, Optional<LockEvidence> evidence) {
        ObjectNode o = JSON.createObjectNode();
        o.put("unit_id", unit.id());
        o.put("serial", unit.serial());
        o.put("uid", unit.uid());
        o.put("chip_family", unit.chipFamily());
        o.put("result", unit.result().name());
        o.put("failed_step", unit.failedStep());
        o.put("error_code", unit.errorCode());
        o.put("cause", unit.cause());
        o.put("certificate", unit.certificatePem());
        o.put("cert_sha256", unit.certificateSha256());
        o.put("lot", unit.lot());
        o.put("station", unit.station());
        o.put("fixture", unit.fixture());
        o.put("started", iso(unit.started()));
        o.put("finished", iso(unit.finished()));
        if (evidence.isEmpty()) {
            o.putNull("lock_evidence");
        } else {
            ObjectNode e = o.putObject("lock_evidence");
            e.put("level", evidence.get().level().name());
            e.put("locked", evidence.get().locked());
            ArrayNode observations = e.putArray("observations");
            evidence.get().observations().forEach(observations::add);
        }
        return o;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
