package dev.hallmark.db.query;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** Answers a {@link UnitQuery}: one keyset page of units, or how many units match; never reads more than a page. */
public final class UnitSearch {

    private UnitSearch() {
    }

    /** The page of units the query names, in id order, at most {@link UnitQuery#limit()} of them. */
    public static List<UnitRecord> find(DataSource source, UnitQuery query) throws ProvisioningException {
        Objects.requireNonNull(query, "query");
        UnitSql sql = UnitSql.of(query);
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql.page())) {
            ps.setInt(sql.bind(ps), query.limit());
            ps.setFetchSize(query.limit());
            List<UnitRecord> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(UnitRows.unit(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw ReadFailures.of("look up units for " + query, e);
        }
    }

    /** How many units match the query's criteria after {@link UnitQuery#afterId()}, regardless of its limit. */
    public static long count(DataSource source, UnitQuery query) throws ProvisioningException {
        Objects.requireNonNull(query, "query");
        UnitSql sql = UnitSql.of(query);
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql.count())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw ReadFailures.of("count units for " + query, e);
        }
    }
}
