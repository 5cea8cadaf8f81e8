package dev.hallmark.db.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Each {@code product_profiles} row must hash to its key (tag {@code hallmark.product-profile.v1}, the fields in
 * table order, the audit chain's field encoding): an edited snapshot no longer does. Which snapshot a lot is made to
 * is vouched for by its units' UNIT_BEGUN events ({@link UnitCheck}).
 */
final class ProfileCheck {

    static final String TAG = "hallmark.product-profile.v1";

    private final Connection c;
    private final Findings out;

    ProfileCheck(Connection c, Findings out) {
        this.c = c;
        this.out = out;
    }

    void run() throws SQLException {
        String sql = "select sha256, name, chip_family, key_spec, custody, lock_level, serial_prefix, organization,"
                + " subject_template, validity from product_profiles order by sha256";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString("sha256");
                String actual = ChainFormat.fieldsSha256(TAG, rs.getString("name"), rs.getString("chip_family"),
                        rs.getString("key_spec"), rs.getString("custody"), rs.getString("lock_level"),
                        rs.getString("serial_prefix"), rs.getString("organization"),
                        rs.getString("subject_template"), rs.getString("validity"));
                if (!actual.equals(key)) {
                    out.add(new ChainFinding(FindingKind.EDITED, "product_profiles", null, null, null,
                            "the snapshot of product profile '" + rs.getString("name") + "' (" + key
                                    + ") no longer hashes to its key: its fields were changed after it was recorded"));
                }
            }
        }
    }
}
