package dev.hallmark.db.bench;

import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.db.query.UnitSearch;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * An audit database of generated units (the {@link RecordGenerator}'s realistic lots, journals and evidence) for
 * benchmarks that read a large archive, such as the auditor screen's: loads it once into a directory and reuses it.
 */
public final class GeneratedArchive {

    private static final long SEED = 20_260_105L;

    private GeneratedArchive() {
    }

    /**
     * Makes sure the H2 database in {@code dir} holds {@code units} generated units: loads them into a new or empty
     * database, reuses a database that already holds exactly that many, refuses any other. Returns the seconds the
     * load took, 0 when the database was reused.
     */
    public static double ensure(Path dir, int units) throws ProvisioningException {
        return ensure(dir, units, true);
    }

    /**
     * As {@link #ensure(Path, int)}; without {@code journals} only the units table is loaded (see
     * {@link UnitTableLoader}), which is what a screen listing units reads and a twentieth of the rows.
     */
    public static double ensure(Path dir, int units, boolean journals) throws ProvisioningException {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            DataSource source = AuditDataSources.embedded(dir);
            long present = UnitSearch.count(source, UnitQuery.all());
            if (present == units) {
                return 0;
            }
            if (present != 0) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the archive in " + dir + " holds " + present
                        + " units, not " + units + "; give an empty directory");
            }
            long started = System.nanoTime();
            try (Connection c = source.getConnection()) {
                if (journals) {
                    new RecordGenerator(BenchCertificate.create(SEED), SEED).load(c, units);
                } else {
                    new UnitTableLoader(BenchCertificate.create(SEED), SEED).load(c, units);
                }
            } catch (SQLException e) {
                throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED,
                        "the generated records could not be loaded into " + dir, e.getSQLState(), e);
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
