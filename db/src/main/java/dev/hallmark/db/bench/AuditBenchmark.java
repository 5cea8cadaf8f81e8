package dev.hallmark.db.bench;

import dev.hallmark.db.chain.ChainReport;
import dev.hallmark.db.chain.StationSummary;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.export.ExportFormat;
import dev.hallmark.db.export.Exports;
import dev.hallmark.db.query.AuditDataSources;
import dev.hallmark.db.query.UnitQuery;
import dev.hallmark.db.query.UnitSearch;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit database benchmark (not a test; DESIGN.md: benchmarks are never timed assertions). Generates
 * {@code units} realistic unit records into a new embedded H2 database in a directory, then times
 * {@value #LOOKUPS} look-ups by random serial (after up to {@value #WARM_UP} untimed ones) and a CSV export of every
 * unit to a file there. The database is left in the directory, so {@link #measure} can time it again.
 */
public final class AuditBenchmark {

    /** Serial look-ups timed. */
    public static final int LOOKUPS = 10_000;
    /** Look-ups made first and not timed, so the JIT and the page cache settle. */
    public static final int WARM_UP = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditBenchmark.class);
    private static final long SEED = 20_260_105L;

    private AuditBenchmark() {
    }

    /**
     * Arguments: a directory and a number of units. With a number, loads that many units into the directory (new
     * or empty) and measures; without one, measures the benchmark database already there, or loads 1,000,000
     * units when the directory is new or empty.
     */
    public static void main(String[] args) throws ProvisioningException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: AuditBenchmark DIR [UNITS]");
        }
        Path dir = Path.of(args[0]);
        BenchmarkResult result;
        if (args.length == 2) {
            result = run(dir, Integer.parseInt(args[1].replace("_", "")), LOOKUPS, AuditBenchmark::verifyChain);
        } else {
            result = isEmpty(dir) ? run(dir, 1_000_000, LOOKUPS, AuditBenchmark::verifyChain)
                    : measure(dir, LOOKUPS, AuditBenchmark::verifyChain);
        }
        LOG.info("{}", result.details());
        LOG.info("{}", result.line());
    }

    /**
     * The benchmark's chain verification: the whole database through {@link AuditDatabase#verifyChain()}, every
     * station's chain, checkpoint signature and chained row; returns the events verified. The generated record is
     * consistent, so a finding means the generator or the verifier is wrong: INTERNAL.
     */
    public static long verifyChain(AuditDatabase db) throws ProvisioningException {
        ChainReport report = db.verifyChain();
        if (!report.ok()) {
            report.lines().stream().limit(20).forEach(line -> LOG.error("{}", line));
            throw new ProvisioningException(ErrorCode.INTERNAL, "the generated audit record does not verify: "
                    + report.findings().size() + " finding(s)");
        }
        long checkpoints = report.stations().stream().mapToLong(StationSummary::checkpoints).sum();
        long events = report.stations().stream().mapToLong(StationSummary::events).sum();
        LOG.info("verified {} chain events and {} checkpoint signatures of {} stations", events, checkpoints,
                report.stations().size());
        return events;
    }

    /** Loads {@code units} units into the new or empty {@code dir} and measures {@value #LOOKUPS} look-ups. */
    public static BenchmarkResult run(Path dir, int units) throws ProvisioningException {
        return run(dir, units, LOOKUPS, null);
    }

    /**
     * Loads {@code units} units into the new or empty {@code dir}, then times {@code lookups} serial look-ups, the
     * CSV export and, when {@code chain} is not null, chain verification.
     */
    public static BenchmarkResult run(Path dir, int units, int lookups, ChainVerification chain)
            throws ProvisioningException {
        if (units < 1 || lookups < 1) {
            throw new IllegalArgumentException("the benchmark needs at least one unit and one look-up, not "
                    + units + " and " + lookups);
        }
        if (!isEmpty(dir)) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the benchmark loads into a new or empty"
                    + " directory, and " + dir + " is not empty; to measure the database there again, leave out UNITS");
        }
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            DataSource source = AuditDataSources.embedded(dir);
            long started = System.nanoTime();
            long cpu = processCpuNanos();
            RecordGenerator generator = new RecordGenerator(BenchCertificate.create(SEED), SEED);
            long events = load(generator, source, units);
            double loadSeconds = seconds(System.nanoTime() - started);
            LOG.info("loaded {} units, {} step events and {} chain events in {} s, {} s of CPU", units, events,
                    generator.chainEvents(), Math.round(loadSeconds), Math.round(seconds(processCpuNanos() - cpu)));
            return measure(db, dir, source, units, events, OptionalDouble.of(loadSeconds), lookups, chain);
        }
    }

    /** Measures the benchmark database already in {@code dir} (loaded by an earlier run); {@code chain} may be null. */
    public static BenchmarkResult measure(Path dir, int lookups, ChainVerification chain)
            throws ProvisioningException {
        try (AuditDatabase db = AuditDatabase.openH2(dir)) {
            DataSource source = AuditDataSources.embedded(dir);
            long units = UnitSearch.count(source, UnitQuery.all());
            if (units == 0 || units > Integer.MAX_VALUE) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "there is no benchmark database in " + dir);
            }
            return measure(db, dir, source, (int) units, countEvents(source), OptionalDouble.empty(), lookups,
                    chain);
        }
    }

    private static BenchmarkResult measure(AuditDatabase db, Path dir, DataSource source, int units, long events,
                                           OptionalDouble loadSeconds, int count, ChainVerification chain)
            throws ProvisioningException {
        long[] lookups = lookUp(source, units, count);
        Path csv = dir.resolve("export.csv");
        long started = System.nanoTime();
        long cpu = processCpuNanos();
        long exported = exportCsv(source, csv);
        double csvSeconds = seconds(System.nanoTime() - started);
        LOG.info("CSV export: {} s, {} s of CPU", String.format(Locale.ROOT, "%.1f", csvSeconds),
                String.format(Locale.ROOT, "%.1f", seconds(processCpuNanos() - cpu)));
        if (exported != units) {
            throw new ProvisioningException(ErrorCode.INTERNAL,
                    "the CSV export wrote " + exported + " units of the " + units + " loaded");
        }
        OptionalDouble chainSpeed = OptionalDouble.empty();
        if (chain != null) {
            started = System.nanoTime();
            cpu = processCpuNanos();
            long own = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long verified = chain.verifyAll(db);
            double chainSeconds = seconds(System.nanoTime() - started);
            // the verifying thread reads and walks; hashes and signatures run on two more threads beside it
            LOG.info("chain verification: {} events in {} s, {} s of CPU ({} s on the verifying thread)", verified,
                    String.format(Locale.ROOT, "%.1f", chainSeconds),
                    String.format(Locale.ROOT, "%.1f", seconds(processCpuNanos() - cpu)),
                    String.format(Locale.ROOT, "%.1f",
                            seconds(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - own)));
            chainSpeed = OptionalDouble.of(verified / chainSeconds);
        }
        return new BenchmarkResult(units, events, loadSeconds, lookups.length, millis(percentile(lookups, 50)),
                millis(percentile(lookups, 99)), csvSeconds, size(csv), chainSpeed);
    }

    private static long countEvents(DataSource source) throws ProvisioningException {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from step_events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the benchmark could not count step events",
                    e.getSQLState(), e);
        }
    }

    private static long load(RecordGenerator generator, DataSource source, int units) throws ProvisioningException {
        try (Connection c = source.getConnection()) {
            return generator.load(c, units);
        } catch (SQLException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_WRITE_FAILED,
                    "the benchmark could not load its generated records", e.getSQLState(), e);
        }
    }

    /**
     * Times each look-up by a random serial; every one must find its unit. The serials differ from run to run,
     * so measuring the same database again does not find exactly the pages the last run left in the caches.
     */
    private static long[] lookUp(DataSource database, int units, int count) throws ProvisioningException {
        try (OneConnection source = new OneConnection(database)) {
            return lookUp(source, units, count, System.nanoTime());
        } catch (SQLException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_UNAVAILABLE, "the benchmark could not open a connection"
                    + " for its look-ups", e.getSQLState(), e);
        }
    }

    private static long[] lookUp(DataSource source, int units, int count, long seed) throws ProvisioningException {
        LOG.info("looking up {} random serials (seed {}) after up to {} untimed ones", count, seed, WARM_UP);
        Random random = new Random(seed);
        for (int i = 0; i < Math.min(WARM_UP, count); i++) {
            find(source, RecordGenerator.serial(1 + random.nextInt(units)));
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String serial = RecordGenerator.serial(1 + random.nextInt(units));
            long t = System.nanoTime();
            List<UnitRecord> found = find(source, serial);
            nanos[i] = System.nanoTime() - t;
            if (found.size() != 1 || !serial.equals(found.get(0).serial())) {
                throw new ProvisioningException(ErrorCode.INTERNAL, "the look-up of serial " + serial + " found "
                        + found.size() + " unit(s)");
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static List<UnitRecord> find(DataSource source, String serial) throws ProvisioningException {
        return UnitSearch.find(source, UnitQuery.builder().serial(serial).limit(1).build());
    }

    private static long exportCsv(DataSource source, Path csv) throws ProvisioningException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
            return Exports.write(ExportFormat.CSV, source, null, ExportContext.of(Clock.systemUTC()), out);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the benchmark's CSV file " + csv
                    + " could not be written", e.getClass().getSimpleName(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws ProvisioningException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the benchmark directory " + dir
                    + " cannot be read", e.getClass().getSimpleName(), e);
        }
    }

    /** The value below which {@code p} percent of the sorted samples lie (nearest rank). */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long size(Path file) throws ProvisioningException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the benchmark's CSV file " + file
                    + " cannot be read", e.getClass().getSimpleName(), e);
        }
    }

    /** CPU time of the whole process (all threads, the GC's included), to read wall-clock figures on a busy machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
