package dev.hallmark.app.access;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.db.access.JdbcActionLog;
import dev.hallmark.db.access.JdbcOperatorDirectory;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.engine.access.AccessControl;
import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.access.StationAccounts;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ActionLog;
import dev.hallmark.engine.port.OperatorDirectory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The access control of one station, on its audit database (open it first): operators, the action log and, on
 * first start, the {@code admin} account (password shown once through {@code say}) and the {@code station}
 * service account (secret in {@code secrets/station-operator}, 0600).
 */
public final class StationAccess {

    /** The file of the station service account's secret. */
    public static Path stationSecret(DataDir dir) {
        return dir.secrets().resolve("station-operator");
    }

    private final OperatorDirectory directory;
    private final ActionLog log;
    private final AccessControl control;
    private final PasswordHasher hasher;
    private final Clock clock;

    private StationAccess(OperatorDirectory directory, ActionLog log, PasswordHasher hasher, Clock clock) {
        this.directory = directory;
        this.log = log;
        this.hasher = hasher;
        this.clock = clock;
        this.control = new AccessControl(directory, log, clock, AccessControl.DEFAULT_MAX_FAILURES, hasher);
    }

    /** The embedded station's access control; creates the first accounts where there are none yet. */
    public static StationAccess embedded(DataDir dir, SecureRandom random, Clock clock, Consumer<String> say)
            throws ProvisioningException {
        return open(AuditDataSources.embedded(dir.audit()), dir, random, clock, say);
    }

    /** Access control on any audit database's data source. */
    public static StationAccess open(DataSource source, DataDir dir, SecureRandom random, Clock clock,
                                     Consumer<String> say) throws ProvisioningException {
        PasswordHasher hasher = PasswordHasher.standard(random);
        StationAccess access = new StationAccess(new JdbcOperatorDirectory(source), new JdbcActionLog(source), hasher,
                clock);
        StationAccounts.Created created = StationAccounts.ensure(access.directory, access.log, hasher, random, clock);
        if (created != null) {
            try {
                SecretFile.writeChars(stationSecret(dir), created.stationSecret());
                say.accept("created operator 'admin' with the password " + new String(created.adminPassword())
                        + " - it is shown only this once: keep it safe and change it with"
                        + " 'hallmark operator passwd admin --operator admin'");
                say.accept("created service account 'station' (operator, auditor) for unattended runs; its secret is in "
                        + stationSecret(dir) + " (mode 0600)");
            } finally {
                Arrays.fill(created.adminPassword(), '\0');
                Arrays.fill(created.stationSecret(), '\0');
            }
        }
        return access;
    }

    public AccessControl control() {
        return control;
    }

    public OperatorDirectory directory() {
        return directory;
    }

    public ActionLog log() {
        return log;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public Clock clock() {
        return clock;
    }
}
