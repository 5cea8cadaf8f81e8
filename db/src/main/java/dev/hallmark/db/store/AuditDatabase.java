package dev.hallmark.db.store;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.records.AuditTrust;
import dev.hallmark.db.records.RecordChecks;
import dev.hallmark.db.records.RecordsReport;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import dev.hallmark.engine.port.GroupFlush;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit database, opened and migrated to the current schema; hands out the {@link JdbcAuditStore}. */
public final class AuditDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditDatabase.class);
    private static final int POOL_SIZE = 8;
    /** H2's error code when another process holds the database file. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final ConnectionPool pool;
    private final StationLock lock;
    private final JdbcAuditStore store;

    private final EmbeddedFileSync fileSync;

    private AuditDatabase(ConnectionPool pool, StationLock lock, AuditOptions options, EmbeddedFileSync fileSync) {
        this.pool = pool;
        this.lock = lock;
        this.fileSync = fileSync;
        this.store = fileSync == null ? new JdbcAuditStore(pool, options)
                : new JdbcAuditStore(pool, options, new GroupFlush(fileSync::force));
    }

    /** Opens (creating if needed) the embedded H2 database {@code directory/hallmark}, held exclusively. */
    public static AuditDatabase openH2(Path directory) throws ProvisioningException {
        return openH2(directory, AuditOptions.defaults());
    }

    /** The user of the embedded H2 database (it has no password: it is guarded by the file system). */
    public static final String EMBEDDED_USER = "sa";

    /**
     * The JDBC URL of the embedded H2 database whose file base (without .mv.db) is {@code location}. WRITE_DELAY=0:
     * a commit reaches the file before it returns, so a station killed (SIGKILL, power cut of the JVM) keeps every
     * record it reported written; H2's default delay of 500 ms lost them (docs/decisions/0007-resume.md).
     */
    public static String embeddedUrl(String location) {
        return "jdbc:h2:file:" + location + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    /** The file base of the embedded database in {@code directory}. */
    public static String embeddedLocation(Path directory) {
        return directory.toAbsolutePath().normalize().resolve("hallmark").toString();
    }

    /** {@link #openH2(Path)} with the clock, station key and checkpoint policy of {@code options}. */
    public static AuditDatabase openH2(Path directory, AuditOptions options) throws ProvisioningException {
        Objects.requireNonNull(options, "options");
        Path dir = directory.toAbsolutePath().normalize();
        String location = embeddedLocation(dir);
        if (location.contains(";")) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE,
                    "the audit database at " + location + " cannot be opened because its path contains ';'");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the audit database at " + location
                    + " cannot be opened because its directory cannot be created", e.getClass().getSimpleName(), e);
        }
        StationLock lock = StationLock.acquire(dir.resolve("hallmark.lock"), location);
        try {
            return open(embeddedUrl(location), EMBEDDED_USER, new char[0], location, lock, options,
                    new EmbeddedFileSync(Path.of(location + ".mv.db")));
        } catch (ProvisioningException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens the database at a JDBC URL (PostgreSQL for several stations); the password is not kept in clear. */
    public static AuditDatabase open(String jdbcUrl, String user, char[] password) throws ProvisioningException {
        return open(jdbcUrl, user, password, AuditOptions.defaults());
    }

    /** {@link #open(String, String, char[])} with the clock, station key and checkpoint policy of {@code options}. */
    public static AuditDatabase open(String jdbcUrl, String user, char[] password, AuditOptions options)
            throws ProvisioningException {
        return open(jdbcUrl, user, password, withoutParameters(jdbcUrl), null, Objects.requireNonNull(options,
                "options"), jdbcUrl.startsWith("jdbc:h2:file:") ? new EmbeddedFileSync(h2File(jdbcUrl)) : null);
    }

    /** The file of an embedded H2 database named by its URL. */
    private static Path h2File(String jdbcUrl) {
        return Path.of(withoutParameters(jdbcUrl).substring("jdbc:h2:file:".length()) + ".mv.db");
    }

    private static AuditDatabase open(String url, String user, char[] password, String location, StationLock lock,
                                      AuditOptions options, EmbeddedFileSync fileSync) throws ProvisioningException {
        ConnectionPool pool = new ConnectionPool(url, user, password, location, POOL_SIZE);
        try {
            Connection first = connect(pool);
            try {
                migrate(url, user, password, location);
            } finally {
                pool.release(first, false);
            }
            LOG.info("audit database at {} is open and migrated", location);
            return new AuditDatabase(pool, lock, options, fileSync);
        } catch (ProvisioningException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The first connection, borrowed while Flyway migrates and then pooled, so its failure is named plainly. */
    private static Connection connect(ConnectionPool pool) throws ProvisioningException {
        try {
            return pool.borrowNew();
        } catch (SQLException e) {
            String why = e.getErrorCode() == H2_DATABASE_ALREADY_OPEN ? " is locked by another process"
                    : e.getSQLState() != null && e.getSQLState().startsWith("28") ? " refused the user's credentials"
                    : " cannot be reached";
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the audit database at " + pool.location()
                    + why, e.getSQLState() != null ? e.getSQLState() : String.valueOf(e.getErrorCode()), e);
        }
    }

    private static void migrate(String url, String user, char[] password, String location)
            throws ProvisioningException {
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(url, user, password == null ? "" : new String(password))
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            if (applied > 0) {
                LOG.info("audit database at {}: {} migration(s) applied", location, applied);
            }
        } catch (FlywayException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the audit database at " + location
                    + " could not be migrated to the station's schema", rawDetail(e), e);
        }
    }

    private static String rawDetail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** The URL without its parameters, which may carry credentials, for messages and the log. */
    private static String withoutParameters(String jdbcUrl) {
        int cut = jdbcUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int i = jdbcUrl.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return jdbcUrl.substring(0, cut);
    }

    /** The audit store on this database; thread-safe, shared by all workers. */
    public JdbcAuditStore store() {
        return store;
    }

    /** Verifies the audit chain, its checkpoints and the records it vouches for, accepting the stored keys. */
    public ChainReport verifyChain() throws ProvisioningException {
        return verifyChain(ChainVerifier.acceptingStoredKeys());
    }

    /**
     * Verifies with {@code verifier} (e.g. {@link ChainVerifier#trusting} the station keys) on one consistent
     * snapshot, while stations may go on writing. For {@code hallmark audit verify}: print
     * {@link ChainReport#lines()} and exit with {@link ChainReport#exitCode()}.
     */
    public ChainReport verifyChain(ChainVerifier verifier) throws ProvisioningException {
        return verifyRecords(verifier).chain();
    }

    /**
     * Verifies the audit chain and, in the same snapshot, the action log and the conformity evidence it vouches for
     * (decision 0014); the chain report's findings include theirs, and each adds a summary line.
     */
    public RecordsReport verifyRecords(ChainVerifier verifier) throws ProvisioningException {
        Objects.requireNonNull(verifier, "verifier");
        return new Sql(pool).autoCommit("read the audit chain", c -> RecordChecks.verify(c, verifier));
    }

    /**
     * As {@link #verifyRecords(ChainVerifier)} with what {@code trust} brings from outside the database: the pin, the
     * token's head counter and the CA's issued log (decision 0018).
     */
    public RecordsReport verifyRecords(AuditTrust trust) throws ProvisioningException {
        Objects.requireNonNull(trust, "trust");
        return new Sql(pool).autoCommit("read the audit chain", c -> RecordChecks.verify(c, trust));
    }

    /** Signs the closing checkpoints of the stations written since it opened, then closes the pool. */
    @Override
    public void close() {
        store.close();
        pool.close();
        if (fileSync != null) {
            fileSync.close();
        }
        if (lock != null) {
            lock.close();
        }
        LOG.info("audit database at {} is closed", pool.location());
    }
}
