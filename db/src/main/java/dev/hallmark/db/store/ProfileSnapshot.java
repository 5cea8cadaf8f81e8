package dev.hallmark.db.store;

import dev.hallmark.db.chain.ChainFormat;
import dev.hallmark.engine.api.ProductProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A product profile as recorded in {@code product_profiles}: its fields as text and their SHA-256 in the audit
 * chain's field encoding, tag {@value #TAG} — the row's key, so an edited row no longer matches it and a changed
 * profile is a new row.
 */
public record ProfileSnapshot(String name, String chipFamily, String keySpec, String custody, String lockLevel,
                              String serialPrefix, String organization, String subjectTemplate, String validity) {

    /** The first field of the encoding. */
    public static final String TAG = "hallmark.product-profile.v1"; // the verifier (ProfileCheck) uses the same
    /** How a profile without a well-defined expiry is written in {@code validity}. */
    public static final String NO_WELL_DEFINED_EXPIRY = "NO_WELL_DEFINED_EXPIRY";

    /** The snapshot of a profile now. */
    public static ProfileSnapshot of(ProductProfile p) {
        return new ProfileSnapshot(p.name(), p.chipFamily(), p.keySpec().name(), p.custody().name(),
                p.lockLevel().name(), p.serialPrefix(), p.organization(), p.subject().pattern(),
                p.noWellDefinedExpiry() ? NO_WELL_DEFINED_EXPIRY : p.validity().toString());
    }

    /** SHA-256 of the encoding, lower-case hex: the row's key. */
    public String sha256() {
        return ChainFormat.fieldsSha256(TAG, name, chipFamily, keySpec, custody, lockLevel, serialPrefix,
                organization, subjectTemplate, validity);
    }

    /** Inserts the snapshot unless a row with its key is there already; returns its key. */
    String insert(Connection c, Instant at) throws SQLException {
        String sha = sha256();
        String sql = "insert into product_profiles (sha256, name, chip_family, key_spec, custody, lock_level,"
                + " serial_prefix, organization, subject_template, validity, recorded_at)"
                + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists"
                + " (select 1 from product_profiles where sha256 = ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, sha);
            for (String v : new String[] {name, chipFamily, keySpec, custody, lockLevel, serialPrefix, organization,
                    subjectTemplate, validity}) {
                ps.setString(i++, v);
            }
            Sql.setInstant(ps, i++, at);
            ps.setString(i, sha);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
        return sha;
    }
}
