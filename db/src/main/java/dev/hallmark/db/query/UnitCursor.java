package dev.hallmark.db.query;

import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forward-only, read-only cursor over every unit a query matches (its limit does not apply), in id order,
 * each with its lock evidence, for exports: it reads {@link #FETCH_SIZE} units at a time with one prepared
 * keyset statement ({@code ... and id > ? order by ... id fetch first ? rows only}, forward-only, that fetch
 * size), hands them to a visitor one by one and moves past the last id, so an export of a million units holds
 * one batch in memory and every statement is short. Each batch walks an index from where the last one stopped.
 *
 * <p>Why batches rather than one open result set: H2 materialises a result before the first row unless lazy
 * query execution is on, and H2 2.3.232 with lazy execution loses pages under a long scan ("Chunk not found",
 * h2database issue 4142); PostgreSQL needs an open transaction to stream a fetch size. Keyset batches stream on
 * both without either. Batches are separate reads: a unit committed during the export with an id the cursor
 * has passed is not in it (a unit is never visited twice).
 */
public final class UnitCursor {

    /** Units read per statement. */
    public static final int FETCH_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(UnitCursor.class);

    private final DataSource source;
    private final UnitQuery query;
    private final boolean withCertificates;

    private UnitCursor(DataSource source, UnitQuery query, boolean withCertificates) {
        this.source = Objects.requireNonNull(source, "source");
        this.query = Objects.requireNonNull(query, "query");
        this.withCertificates = withCertificates;
    }

    /** A cursor over the units the query matches from its afterId on, certificates included. */
    public static UnitCursor over(DataSource source, UnitQuery query) {
        return new UnitCursor(source, query, true);
    }

    /** The same cursor without the certificates' PEM (null in each record), for exports that do not print it. */
    public UnitCursor withoutCertificates() {
        return new UnitCursor(source, query, false);
    }

    /** Hands each unit to the visitor, in id order; returns how many it visited. */
    public long forEach(UnitVisitor visitor) throws ProvisioningException, IOException {
        String sql = UnitSql.of(query).batch(withCertificates);
        long visited = 0;
        long afterId = query.afterId();
        try (Connection c = source.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(FETCH_SIZE);
            List<AuditedUnit> batch = new ArrayList<>(FETCH_SIZE);
            do {
                batch.clear();
                UnitSql keyset = UnitSql.of(query.toBuilder().afterId(afterId).build());
                ps.setInt(keyset.bind(ps), FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(UnitRows.audited(rs));
                    }
                }
                for (AuditedUnit unit : batch) {
                    visitor.visit(unit);
                    visited++;
                }
                if (!batch.isEmpty()) {
                    afterId = batch.get(batch.size() - 1).unit().id();
                }
            } while (batch.size() == FETCH_SIZE);
        } catch (SQLException e) {
            throw ReadFailures.of("read the units for " + query + " after " + visited + " of them", e);
        }
        LOG.debug("cursor visited {} unit(s) for {}", visited, query);
        return visited;
    }

    /** Receives the units of a cursor one at a time. */
    @FunctionalInterface
    public interface UnitVisitor {
        void visit(AuditedUnit unit) throws IOException, ProvisioningException;
    }
}
