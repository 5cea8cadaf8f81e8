package dev.hallmark.db.query;

import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.export.ExportContext;
import dev.hallmark.db.records.AuditTrust;
import dev.hallmark.db.records.RecordsReport;
import dev.hallmark.db.export.ExportFormat;
import dev.hallmark.db.export.Exports;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ChainCheck;
import dev.hallmark.engine.port.LotTrend;
import dev.hallmark.engine.port.UnitArchive;
import dev.hallmark.engine.port.UnitDetail;
import dev.hallmark.engine.port.UnitFilter;
import dev.hallmark.engine.port.UnitMark;
import dev.hallmark.engine.port.UnitOrder;
import dev.hallmark.engine.port.UnitRecord;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link UnitArchive} on the audit database: pages through {@link UnitSearch} (a keyset seek when the caller
 * knows the id before the page, an offset otherwise), details through the store, the chain through
 * {@link ChainVerifier}, lot figures through {@link LotFigures} and exports through {@link Exports}.
 */
public final class JdbcUnitArchive implements UnitArchive {

    private final AuditDatabase database;
    private final DataSource source;
    private final TrustSource trust;
    private final List<String> caChainPem;
    private final ExportContextSource exportContext;

    /**
     * @param database      the open audit database (store and chain)
     * @param source        connections to the same database, for the page queries and exports
     * @param verifier      how the chain's checkpoint keys are trusted
     * @param caChainPem    the CA chain shown with each certificate, issuing CA first (may be empty)
     * @param exportContext the context of an export in a given format (CA chain, manifest signer)
     */
    public JdbcUnitArchive(AuditDatabase database, DataSource source, ChainVerifier verifier, List<String> caChainPem,
                           ExportContextSource exportContext) {
        this.database = Objects.requireNonNull(database, "database");
        this.source = Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verifier, "verifier");
        this.trust = () -> new AuditTrust(verifier.pinsKeys() ? AuditTrust.Pin.AUDITOR : AuditTrust.Pin.UNPINNED,
                verifier.pinsKeys() ? "the keys the station was given" : "the keys stored with the checkpoints",
                verifier, List.of(), List.of(), List.of());
        this.caChainPem = List.copyOf(caChainPem);
        this.exportContext = Objects.requireNonNull(exportContext, "exportContext");
    }

    /** Where a verification's pin, token heads and CA issued log come from, read afresh for each verification. */
    @FunctionalInterface
    public interface TrustSource {
        AuditTrust get() throws ProvisioningException;
    }

    /** As the other constructor, with the pin and the outside facts of {@code trust} (decision 0018). */
    public JdbcUnitArchive(AuditDatabase database, DataSource source, TrustSource trust, List<String> caChainPem,
                           ExportContextSource exportContext) {
        this.database = Objects.requireNonNull(database, "database");
        this.source = Objects.requireNonNull(source, "source");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.caChainPem = List.copyOf(caChainPem);
        this.exportContext = Objects.requireNonNull(exportContext, "exportContext");
    }

    @Override
    public long count(UnitFilter filter) throws ProvisioningException {
        if (filter == null || filter.equals(UnitFilter.all())) {
            // No criterion: a bare count(*), which H2 answers from the table's row count instead of a range scan.
            try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select count(*) from units"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw ReadFailures.of("count all units", e);
            }
        }
        return UnitSearch.count(source, query(filter, 0, UnitQuery.DEFAULT_LIMIT));
    }

    @Override
    public List<UnitRecord> page(UnitFilter filter, long offset, long afterId, int limit) throws ProvisioningException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        if (afterId > 0 || offset == 0) {
            return UnitSearch.find(source, query(filter, afterId, limit));
        }
        UnitSql sql = UnitSql.of(query(filter, 0, limit));
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql.pageAt())) {
            int next = sql.bind(ps);
            ps.setLong(next, offset);
            ps.setInt(next + 1, limit);
            ps.setFetchSize(limit);
            List<UnitRecord> page = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(UnitRows.unit(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw ReadFailures.of("read units " + offset + ".." + (offset + limit) + " of " + filter, e);
        }
    }

    @Override
    public List<UnitRecord> page(UnitFilter filter, UnitOrder order, UnitMark after, long skip, int limit)
            throws ProvisioningException {
        return OrderedUnitSearch.page(source, query(filter, 0, limit), order, after, skip, limit);
    }

    @Override
    public List<UnitMark> marks(UnitFilter filter, UnitOrder order, int every) throws ProvisioningException {
        return OrderedUnitSearch.marks(source, query(filter, 0, UnitQuery.DEFAULT_LIMIT), order, every);
    }

    @Override
    public UnitDetail detail(long unitId) throws ProvisioningException {
        JdbcAuditStore store = database.store();
        UnitRecord unit = store.unit(unitId).orElseThrow(() -> new ProvisioningException(ErrorCode.CONFIG_INVALID,
                "there is no unit #" + unitId + " in the audit database"));
        return new UnitDetail(unit, unit.certificatePem() == null ? List.of() : caChainPem,
                store.lockEvidence(unitId).orElse(null), store.events(unitId), store.scanLabel(unitId).orElse(null),
                unit.reworked() ? store.reworkNote(unitId).orElse("") : null);
    }

    @Override
    public ChainCheck verifyChain() throws ProvisioningException {
        RecordsReport report = database.verifyRecords(trust.get());
        return new ChainCheck(report.ok(), report.lines(), report.pin().label());
    }

    @Override
    public List<String> lots() throws ProvisioningException {
        return LotFigures.lots(source);
    }

    @Override
    public LotTrend lotReport(String lot, Duration bucket) throws ProvisioningException {
        return LotFigures.report(source, lot, bucket);
    }

    @Override
    public List<String> exportFormats() {
        return Arrays.stream(ExportFormat.values()).map(ExportFormat::cliName).toList();
    }

    @Override
    public long export(String format, String lotOrNull, OutputStream out) throws ProvisioningException {
        ExportFormat chosen = ExportFormat.parse(format);
        return Exports.write(chosen, source, lotOrNull, exportContext.forFormat(chosen), out);
    }

    private static UnitQuery query(UnitFilter f, long afterId, int limit) {
        UnitFilter filter = f == null ? UnitFilter.all() : f;
        return UnitQuery.builder().serial(blankToNull(filter.serial())).uid(blankToNull(filter.uid()))
                .lot(blankToNull(filter.lot())).startedFrom(filter.startedFrom()).startedBefore(filter.startedBefore())
                .result(filter.result()).failedStep(filter.failedStep()).afterId(afterId).limit(limit).build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The context an export in one format needs; the station supplies the CA chain and the manifest signer. */
    @FunctionalInterface
    public interface ExportContextSource {
        ExportContext forFormat(ExportFormat format) throws ProvisioningException;
    }
}
