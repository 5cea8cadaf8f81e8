package dev.hallmark.db.query;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.LotTrend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A lot's dashboard figures: failures grouped by step and error code in SQL; finished units counted per time
 * bucket while streaming two small columns, so no unit record is held.
 */
final class LotFigures {

    private static final int FETCH = 1000;

    private LotFigures() {
    }

    static List<String> lots(DataSource source) throws ProvisioningException {
        try (Connection c = source.getConnection();
             PreparedStatement ps = c.prepareStatement("select id from lots order by created_at desc, id")) {
            List<String> lots = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lots.add(rs.getString(1));
                }
            }
            return lots;
        } catch (SQLException e) {
            throw ReadFailures.of("list the lots", e);
        }
    }

    static LotTrend report(DataSource source, String lot, Duration bucket) throws ProvisioningException {
        if (bucket.isZero() || bucket.isNegative()) {
            throw new IllegalArgumentException("a time bucket must be positive, not " + bucket);
        }
        try (Connection c = source.getConnection()) {
            String profile = profile(c, lot);
            List<LotTrend.FailureCount> failures = failures(c, lot);
            long bucketMillis = bucket.toMillis();
            Map<Long, long[]> counts = new TreeMap<>();
            long passed = 0;
            long failed = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "select finished_at, result from units where lot_id = ? and result in ('PASS', 'FAILED')")) {
                ps.setString(1, lot);
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean pass = "PASS".equals(rs.getString(2));
                        if (pass) {
                            passed++;
                        } else {
                            failed++;
                        }
                        Instant at = instant(rs.getObject(1, OffsetDateTime.class));
                        if (at != null) {
                            long start = Math.floorDiv(at.toEpochMilli(), bucketMillis) * bucketMillis;
                            counts.computeIfAbsent(start, k -> new long[2])[pass ? 0 : 1]++;
                        }
                    }
                }
            }
            List<LotTrend.Bucket> buckets = new ArrayList<>();
            counts.forEach((start, n) -> buckets.add(new LotTrend.Bucket(Instant.ofEpochMilli(start), n[0], n[1])));
            return new LotTrend(lot, profile, passed, failed, bucket, buckets, failures);
        } catch (SQLException e) {
            throw ReadFailures.of("sum up lot " + lot, e);
        }
    }

    private static String profile(Connection c, String lot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select profile from lots where id = ?")) {
            ps.setString(1, lot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<LotTrend.FailureCount> failures(Connection c, String lot) throws SQLException {
        List<LotTrend.FailureCount> failures = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select failed_step, error_code, count(*), min(cause)"
                + " from units where lot_id = ? and result = 'FAILED' group by failed_step, error_code")) {
            ps.setString(1, lot);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    failures.add(new LotTrend.FailureCount(orUnknown(rs.getString(1)), orUnknown(rs.getString(2)),
                            rs.getString(4), rs.getLong(3)));
                }
            }
        }
        failures.sort(Comparator.comparingLong(LotTrend.FailureCount::count).reversed()
                .thenComparing(LotTrend.FailureCount::step).thenComparing(LotTrend.FailureCount::errorCode));
        return failures;
    }

    private static String orUnknown(String s) {
        return s == null ? "?" : s;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
