package dev.hallmark.db.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.db.query.AuditedUnit;
import dev.hallmark.db.query.UnitCursor;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit record as JSON Lines: one object per unit, in id order, keys always in the same order,
 * absent values as JSON null, times as ISO-8601 UTC.
 */
public final class JsonlExport {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlExport.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonlExport() {
    }

    /** Streams every unit of the lot (all lots when null) to {@code out}; returns how many units it wrote. */
    public static long write(DataSource source, String lotOrNull, Writer out) throws ProvisioningException, IOException {
        UnitQuery query = UnitQuery.builder().lot(lotOrNull).build();
        return UnitCursor.over(source, query).forEach(unit -> writeLine(out, unit));
    }

    /**
     * Writes every unit of the lot through the store, which reads them all into memory first.
     *
     * @deprecated the station's CLI calls this until it moves to {@link Exports#write}, which streams.
     */
    @Deprecated
    public static void write(JdbcAuditStore store, String lotOrNull, Writer out) throws ProvisioningException {
        int n = 0;
        try {
            for (UnitRecord unit : store.units(lotOrNull)) {
                writeLine(out, new AuditedUnit(unit, store.lockEvidence(unit.id()).orElse(null)));
                n++;
            }
            out.flush();
        } catch (IOException e) {
            throw Exports.outputFailure(e);
        }
        LOG.info("exported {} unit(s) of {}", n, lotOrNull == null ? "all lots" : "lot " + lotOrNull);
    }

    private static void writeLine(Writer out, AuditedUnit unit) throws IOException {
        out.write(JSON.writeValueAsString(line(unit.unit(), unit.lockEvidence())));
        out.write('\n');
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
        o.put("started", UnitFields.iso(unit.started()));
        o.put("finished", UnitFields.iso(unit.finished()));
        if (evidence.isEmpty()) {
            o.putNull("lock_evidence");
        } else {
            o.set("lock_evidence", lockEvidence(evidence.get()));
        }
        o.put("reworked_at", UnitFields.iso(unit.reworkedAt()));
        o.put("certificate_revoked", unit.certificateRevoked());
        return o;
    }

    /** Lock evidence as JSON: level, locked, observations; shared with the manifest. */
    static ObjectNode lockEvidence(LockEvidence evidence) {
        ObjectNode e = JSON.createObjectNode();
        e.put("level", evidence.level().name());
        e.put("locked", evidence.locked());
        ArrayNode observations = e.putArray("observations");
        evidence.observations().forEach(observations::add);
        return e;
    }
}
