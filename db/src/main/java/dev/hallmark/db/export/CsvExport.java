package dev.hallmark.db.export;

import dev.hallmark.db.query.AuditedUnit;
import dev.hallmark.db.query.UnitCursor;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LockEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit record as CSV (RFC 4180, formula-safe, see {@link Csv}): a header record, then one record per unit in
 * id order; absent values are empty cells, times ISO-8601 UTC, lock observations joined with {@code "; "}.
 * The certificate itself is in the other exports; here it is named by its SHA-256. The last two columns come from
 * the unit's chain: {@code reworked_at} (empty when the device was never wiped for rework) and
 * {@code certificate_revoked}; they are appended last so the positions of the older columns hold.
 */
public final class CsvExport {

    /** The header record, the columns in order. */
    public static final List<String> COLUMNS = List.of("unit_id", "lot", "serial", "uid", "chip_family", "station",
            "fixture", "result", "failed_step", "error_code", "cause", "started", "finished", "cert_sha256",
            "lock_level", "locked", "lock_observations", "reworked_at", "certificate_revoked");

    private CsvExport() {
    }

    /** Writes every unit of the lot (all lots when null); returns how many units it wrote. */
    public static long write(DataSource source, String lotOrNull, Writer out) throws ProvisioningException, IOException {
        Csv.record(out, COLUMNS);
        UnitQuery query = UnitQuery.builder().lot(lotOrNull).build();
        return UnitCursor.over(source, query).withoutCertificates().forEach(unit -> Csv.record(out, cells(unit)));
    }

    static List<String> cells(AuditedUnit audited) {
        UnitRecord u = audited.unit();
        LockEvidence e = audited.evidence();
        return Arrays.asList(Long.toString(u.id()), u.lot(), u.serial(), u.uid(), u.chipFamily(), u.station(),
                u.fixture(), u.result().name(), u.failedStep(), u.errorCode(), u.cause(), UnitFields.iso(u.started()),
                UnitFields.iso(u.finished()), u.certificateSha256(), e == null ? null : e.level().name(),
                e == null ? null : Boolean.toString(e.locked()), e == null ? null : String.join("; ", e.observations()),
                UnitFields.iso(u.reworkedAt()), Boolean.toString(u.certificateRevoked()));
    }
}
